package org.juicetokens.foundation.time;

import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceReading;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Consensus time from the latest sample of each source (PROTOCOL.md §Time). Pure: no clock,
 * no I/O; the caller passes the samples and "now" (the local, possibly skewed, clock). It keeps
 * one piece of state, the last consensus offset, to detect jumps; one owner calls it.
 *
 * <h2>Rules, in order</h2>
 * <ol>
 *   <li><b>Fresh sources</b>: samples with |now - seenAt| ≤ {@code time.sourceWindowMs} (60 s).
 *       Older ones are ignored (a peer that stopped answering ages out). None: INADEQUATE.</li>
 *   <li><b>Weighted median</b> of the fresh offsets, weight = confidence: sort by offset (ties
 *       by type and name); the median is the first offset at which the cumulative weight
 *       reaches half of the total (the lower weighted median; equal weights if all are 0).</li>
 *   <li><b>Outliers</b>: sources more than {@code time.outlierThresholdMs} (5 s) from that
 *       median are marked {@code excluded}; the others <i>contribute</i>.
 *       Consensus offset = weighted median of the contributing sources;
 *       consensus time = local clock + consensus offset.</li>
 *   <li><b>Jump</b>: whenever an NTP or peer source contributes, the consensus offset is
 *       compared with the previous such offset; a change larger than {@code time.jumpThresholdMs}
 *       (5 s) is a jump. For {@code time.jumpWindowMs} (60 s) after it the status is INADEQUATE
 *       with {@code jump_suspected} and reason "suspected spoofing". The first external offset
 *       only sets the baseline, so a node whose clock is corrected at start is not flagged.</li>
 *   <li><b>VERIFIED</b>: a fresh, contributing NTP source is within {@code time.verifiedAgreementMs}
 *       (1 s) of the consensus offset. If NTP sources answered but none agrees: INADEQUATE.
 *       VERIFIED wins over rule 6: NTP is the authority that may overrule the local clock.</li>
 *   <li><b>Local clock excluded</b>: with no NTP answer, the local clock (SYSTEM) is always
 *       a party to consensus; if it is itself excluded (the node's clock is more than 5 s off
 *       the median of its sources), not all contributing sources are within 5 s: INADEQUATE.
 *       Peers alone may not overrule the node's own clock.</li>
 *   <li><b>CONSENSUS</b>: no NTP answer, at least one contributing peer, the local clock not
 *       excluded. Otherwise INADEQUATE (a node alone, or every peer excluded).</li>
 * </ol>
 *
 * <h2>The skewed-node drill (defaults: SYSTEM 80, peers ≤ 70)</h2>
 * A 3-node cluster, node C skewed by +10 s. On C, SYSTEM says 0 and both peers ≈ -10 s: when
 * the peers' weights add up to at least SYSTEM's (c_A + c_B ≥ 80, i.e. round trips under
 * ~600 ms) the median is ≈ -10 s, SYSTEM is excluded and rule 6 gives INADEQUATE; otherwise the
 * median is 0, both peers are excluded and rule 7 gives INADEQUATE. Either way C is INADEQUATE.
 * On A (and B), SYSTEM 0 (80), B ≈ 0, C ≈ +10 s: SYSTEM and B together always outweigh C
 * (80 + c_B ≥ 70 ≥ c_C), so the median is ≈ 0, C is excluded and A is CONSENSUS.
 * With two nodes, one skewed, both are INADEQUATE: neither can tell which clock is wrong.
 *
 * <h2>Confidence (0-100)</h2>
 * <pre>
 *   w_i        = confidence of source i (see {@link SourceConfidence})
 *   quality    = Σ_contributing w_i² / Σ_contributing w_i      (confidence-weighted mean confidence)
 *   agreement  = Σ_contributing w_i / Σ_fresh w_i             (share of the weight that agrees)
 *   tightness  = 1 - 0.5 · min(1, spread / outlierThreshold)  (spread = max |offset_i - consensus| of contributors)
 *   confidence = round(quality · agreement · tightness), at most {@value #INADEQUATE_CAP} when INADEQUATE
 * </pre>
 * E.g. SYSTEM + NTP (rtt 40 ms) agreeing: 84 (VERIFIED); SYSTEM + two peers (rtt 0) agreeing: 74;
 * SYSTEM + one agreeing peer + one excluded peer: 51 (CONSENSUS); the local clock alone: 25.
 */
public final class TimeConsensus {
  /** The highest confidence an INADEQUATE reading reports. */
  public static final int INADEQUATE_CAP = 25;

  private static final Comparator<TimeSample> BY_SOURCE =
    Comparator.comparing(TimeSample::type).thenComparing(TimeSample::name);

  /** The thresholds of PROTOCOL.md §Time, from configuration. */
  public record Rules(long sourceWindowMs, long outlierThresholdMs, long verifiedAgreementMs, long jumpThresholdMs,
                      long jumpWindowMs) {
    public static final Rules PROTOCOL_DEFAULTS = new Rules(60_000, 5_000, 1_000, 5_000, 60_000);

    public Rules {
      for (long v : new long[] {sourceWindowMs, outlierThresholdMs, verifiedAgreementMs, jumpThresholdMs, jumpWindowMs}) {
        if (v <= 0) {
          throw JuiceException.invalidArgument("time thresholds must be > 0, got " + v);
        }
      }
    }

    public static Rules from(NodeConfig config) {
      return new Rules(config.longValue(Settings.TIME_SOURCE_WINDOW_MS), config.longValue(Settings.TIME_OUTLIER_MS),
        config.longValue(Settings.TIME_VERIFIED_MS), config.longValue(Settings.TIME_JUMP_MS),
        config.longValue(Settings.TIME_JUMP_WINDOW_MS));
    }
  }

  private record Verdict(TimeStatus status, String reason) {
  }

  private final Rules rules;
  private boolean hasBaseline;
  private long baselineOffsetMs;
  private boolean jumpSeen;
  private long jumpAtMs;
  private long jumpMs;

  public TimeConsensus(Rules rules) {
    this.rules = rules;
  }

  /** The reading at {@code nowMs} from the latest sample of each source. */
  public TimeReading evaluate(Collection<TimeSample> samples, long nowMs) {
    List<TimeSample> fresh = samples.stream()
      .filter(s -> Math.abs(nowMs - s.seenAtMs()) <= rules.sourceWindowMs())
      .sorted(BY_SOURCE)
      .toList();
    if (fresh.isEmpty()) {
      return TimeReading.newBuilder().setTimestampMs(nowMs).setStatus(TimeStatus.INADEQUATE)
        .setReason("no time source answered within the last " + rules.sourceWindowMs() + " ms").build();
    }
    long median = weightedMedian(fresh);
    List<TimeSample> contributing = fresh.stream()
      .filter(s -> Math.abs(s.offsetMs() - median) <= rules.outlierThresholdMs())
      .toList();
    Set<String> contributingKeys = contributing.stream().map(TimeSample::key).collect(Collectors.toSet());
    long offset = weightedMedian(contributing);
    detectJump(contributing, offset, nowMs);
    Verdict verdict = verdict(fresh, contributing, contributingKeys, offset, nowMs);

    TimeReading.Builder reading = TimeReading.newBuilder()
      .setTimestampMs(nowMs + offset)
      .setConsensusOffsetMs(offset)
      .setStatus(verdict.status())
      .setReason(verdict.reason())
      .setJumpSuspected(jumpActive(nowMs))
      .setConfidence(confidence(fresh, contributing, offset, verdict.status()));
    for (TimeSample s : fresh) {
      reading.addSources(TimeSourceReading.newBuilder()
        .setType(s.type()).setName(s.name()).setOffsetMs(s.offsetMs()).setRoundTripMs(s.roundTripMs())
        .setConfidence(s.confidence()).setLastSeenMs(s.seenAtMs())
        .setExcluded(!contributingKeys.contains(s.key())).setError(s.error()));
    }
    return reading.build();
  }

  private Verdict verdict(List<TimeSample> fresh, List<TimeSample> contributing, Set<String> contributingKeys, long offset,
                          long nowMs) {
    if (jumpActive(nowMs)) {
      return new Verdict(TimeStatus.INADEQUATE, "suspected spoofing: consensus offset jumped by " + jumpMs + " ms "
        + (nowMs - jumpAtMs) + " ms ago");
    }
    TimeSample nearestNtp = fresh.stream().filter(s -> s.type() == TimeSourceType.NTP)
      .min(Comparator.comparingLong(s -> Math.abs(s.offsetMs() - offset))).orElse(null);
    if (nearestNtp != null) {
      long disagreement = Math.abs(nearestNtp.offsetMs() - offset);
      if (disagreement <= rules.verifiedAgreementMs() && contributingKeys.contains(nearestNtp.key())) {
        return new Verdict(TimeStatus.VERIFIED, "NTP " + nearestNtp.name() + " agrees with consensus within " + disagreement + " ms");
      }
      return new Verdict(TimeStatus.INADEQUATE, "NTP disagrees with consensus by " + disagreement + " ms (nearest: "
        + nearestNtp.name() + ")");
    }
    TimeSample systemOff = fresh.stream()
      .filter(s -> s.type() == TimeSourceType.SYSTEM && !contributingKeys.contains(s.key())).findFirst().orElse(null);
    if (systemOff != null) {
      return new Verdict(TimeStatus.INADEQUATE, "the local clock differs from the median of its sources by "
        + Math.abs(systemOff.offsetMs() - offset) + " ms");
    }
    long peers = contributing.stream().filter(s -> s.type() == TimeSourceType.PEERS).count();
    if (peers > 0) {
      long excluded = fresh.size() - contributing.size();
      return new Verdict(TimeStatus.CONSENSUS, peers + " peer(s) agree within " + rules.outlierThresholdMs() + " ms"
        + (excluded > 0 ? ", " + excluded + " source(s) excluded" : ""));
    }
    if (fresh.stream().anyMatch(s -> s.type() == TimeSourceType.PEERS)) {
      return new Verdict(TimeStatus.INADEQUATE, "no peer agrees with the local clock within " + rules.outlierThresholdMs() + " ms");
    }
    return new Verdict(TimeStatus.INADEQUATE, "no NTP server or peer answered within the last " + rules.sourceWindowMs()
      + " ms: the local clock alone is not enough");
  }

  private void detectJump(List<TimeSample> contributing, long offset, long nowMs) {
    if (contributing.stream().allMatch(s -> s.type() == TimeSourceType.SYSTEM)) {
      return;
    }
    if (hasBaseline && Math.abs(offset - baselineOffsetMs) > rules.jumpThresholdMs()) {
      jumpSeen = true;
      jumpAtMs = nowMs;
      jumpMs = offset - baselineOffsetMs;
    }
    hasBaseline = true;
    baselineOffsetMs = offset;
  }

  private boolean jumpActive(long nowMs) {
    return jumpSeen && nowMs - jumpAtMs < rules.jumpWindowMs();
  }

  private int confidence(List<TimeSample> fresh, List<TimeSample> contributing, long offset, TimeStatus status) {
    double total = weight(fresh);
    double contributingWeight = weight(contributing);
    if (total <= 0 || contributingWeight <= 0) {
      return 0;
    }
    double quality = contributing.stream().mapToLong(s -> (long) s.confidence() * s.confidence()).sum() / contributingWeight;
    double agreement = contributingWeight / total;
    long spread = contributing.stream().mapToLong(s -> Math.abs(s.offsetMs() - offset)).max().orElse(0);
    double tightness = 1 - 0.5 * Math.min(1.0, (double) spread / rules.outlierThresholdMs());
    int confidence = (int) Math.max(0, Math.min(100, Math.round(quality * agreement * tightness)));
    return status == TimeStatus.INADEQUATE ? Math.min(confidence, INADEQUATE_CAP) : confidence;
  }

  private static long weight(List<TimeSample> samples) {
    return samples.stream().mapToLong(TimeSample::confidence).sum();
  }

  /**
   * The lower weighted median of the offsets (weights = confidences; equal weights when they
   * are all 0). {@code sources} must not be empty.
   */
  static long weightedMedian(List<TimeSample> sources) {
    List<TimeSample> sorted = sources.stream()
      .sorted(Comparator.comparingLong(TimeSample::offsetMs).thenComparing(BY_SOURCE))
      .toList();
    long total = sorted.stream().mapToLong(TimeSample::confidence).sum();
    boolean equalWeights = total == 0;
    long needed = equalWeights ? sorted.size() : total;
    long cumulative = 0;
    for (TimeSample s : sorted) {
      cumulative += equalWeights ? 1 : s.confidence();
      if (2 * cumulative >= needed) {
        return s.offsetMs();
      }
    }
    return sorted.get(sorted.size() - 1).offsetMs();
  }
}
