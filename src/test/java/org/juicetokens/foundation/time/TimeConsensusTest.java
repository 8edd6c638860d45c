package org.juicetokens.foundation.time;

import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceReading;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.foundation.time.proto.TimeSourceType.NTP;
import static org.juicetokens.foundation.time.proto.TimeSourceType.PEERS;
import static org.juicetokens.foundation.time.proto.TimeSourceType.SYSTEM;

class TimeConsensusTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final SourceConfidence CONFIDENCE = new SourceConfidence(80, 90, 70);

  private final TimeConsensus consensus = new TimeConsensus(TimeConsensus.Rules.PROTOCOL_DEFAULTS);

  private static TimeSample system(long now) {
    return new TimeSample(SYSTEM, "system", 0, 0, CONFIDENCE.of(SYSTEM, 0), now, "");
  }

  private static TimeSample source(TimeSourceType type, String name, long offsetMs, long rttMs, long seenAt) {
    return new TimeSample(type, name, offsetMs, rttMs, CONFIDENCE.of(type, rttMs), seenAt, "");
  }

  private static TimeSample ntp(long offsetMs, long rttMs) {
    return source(NTP, "ntp.test:123", offsetMs, rttMs, NOW);
  }

  private static TimeSample peer(String id, long offsetMs, long rttMs) {
    return source(PEERS, id, offsetMs, rttMs, NOW);
  }

  private static TimeSourceReading sourceNamed(TimeReading reading, String name) {
    return reading.getSourcesList().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void no_source_at_all_is_inadequate_with_zero_confidence() {
    TimeReading reading = consensus.evaluate(List.of(), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(reading.getConfidence()).isZero();
    assertThat(reading.getTimestampMs()).isEqualTo(NOW);
    assertThat(reading.getReason()).contains("no time source");
  }

  @Test
  void the_local_clock_alone_is_inadequate_and_confidence_is_capped() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW)), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(reading.getConfidence()).isEqualTo(TimeConsensus.INADEQUATE_CAP);
    assertThat(reading.getTimestampMs()).isEqualTo(NOW);
    assertThat(reading.getSourcesList()).hasSize(1);
    assertThat(reading.getReason()).contains("local clock alone");
  }

  @Test
  void ntp_agreeing_with_the_local_clock_is_verified() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), ntp(12, 40)), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.VERIFIED);
    assertThat(reading.getConsensusOffsetMs()).isEqualTo(12);
    assertThat(reading.getTimestampMs()).isEqualTo(NOW + 12);
    assertThat(reading.getConfidence()).isEqualTo(84);
    assertThat(reading.getSourcesList()).noneMatch(TimeSourceReading::getExcluded);
  }

  @Test
  void a_fast_ntp_answer_outweighs_the_local_clock_and_corrects_consensus_time() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), ntp(3_000, 10)), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.VERIFIED);
    assertThat(reading.getConsensusOffsetMs()).isEqualTo(3_000);
    assertThat(reading.getTimestampMs()).isEqualTo(NOW + 3_000);
  }

  @Test
  void ntp_disagreeing_with_peer_consensus_by_more_than_a_second_is_not_verified() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), peer("b", 5, 2), peer("c", -3, 2), ntp(3_000, 10)), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(reading.getConsensusOffsetMs()).isBetween(-3L, 5L);
    assertThat(reading.getReason()).contains("NTP disagrees");
    assertThat(reading.getConfidence()).isLessThanOrEqualTo(TimeConsensus.INADEQUATE_CAP);
  }

  @Test
  void a_slow_ntp_answer_that_disagrees_with_the_local_clock_is_not_verified() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), ntp(1_500, 600)), NOW);

    assertThat(reading.getConsensusOffsetMs()).isZero();
    assertThat(reading.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
  }

  @Test
  void ntp_within_the_agreement_margin_is_verified() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), peer("b", 0, 2), peer("c", 0, 2), ntp(1_000, 10)), NOW);

    assertThat(reading.getConsensusOffsetMs()).isZero();
    assertThat(reading.getStatus()).isEqualTo(TimeStatus.VERIFIED);
  }

  @Test
  void an_ntp_source_far_off_is_excluded_and_spoils_verification() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), peer("b", 0, 2), peer("c", 0, 2), ntp(60_000, 10)), NOW);

    assertThat(sourceNamed(reading, "ntp.test:123").getExcluded()).isTrue();
    assertThat(reading.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
  }

  @Test
  void one_good_ntp_server_verifies_even_when_another_is_far_off() {
    TimeSample bad = source(NTP, "bad:123", 60_000, 10, NOW);
    TimeReading reading = consensus.evaluate(List.of(system(NOW), ntp(20, 10), bad), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.VERIFIED);
    assertThat(sourceNamed(reading, "bad:123").getExcluded()).isTrue();
  }

  @Test
  void two_peers_without_ntp_give_consensus() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), peer("b", 4, 2), peer("c", -2, 2)), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.CONSENSUS);
    assertThat(reading.getSourcesList()).noneMatch(TimeSourceReading::getExcluded);
    assertThat(reading.getConfidence()).isEqualTo(74);
    assertThat(reading.getReason()).contains("2 peer(s) agree");
  }

  @Test
  void one_agreeing_peer_is_enough_for_consensus() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), peer("b", 30, 2)), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.CONSENSUS);
  }

  @Test
  void a_node_skewed_by_ten_seconds_is_inadequate_and_its_own_clock_is_excluded() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), peer("a", -10_002, 4), peer("b", -9_998, 6)), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(reading.getConsensusOffsetMs()).isBetween(-10_002L, -9_998L);
    assertThat(sourceNamed(reading, "system").getExcluded()).isTrue();
    assertThat(sourceNamed(reading, "a").getExcluded()).isFalse();
    assertThat(reading.getReason()).contains("local clock differs");
    assertThat(reading.getConfidence()).isLessThanOrEqualTo(TimeConsensus.INADEQUATE_CAP);
  }

  @Test
  void a_skewed_node_with_slow_peers_is_inadequate_too() {
    // the peers' weights (30 + 30) no longer outweigh the local clock (80): they are the ones excluded
    TimeReading reading = consensus.evaluate(List.of(system(NOW), peer("a", -10_000, 800), peer("b", -10_000, 800)), NOW);

    assertThat(reading.getConsensusOffsetMs()).isZero();
    assertThat(sourceNamed(reading, "a").getExcluded()).isTrue();
    assertThat(sourceNamed(reading, "b").getExcluded()).isTrue();
    assertThat(reading.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(reading.getReason()).contains("no peer agrees");
  }

  @Test
  void healthy_nodes_exclude_a_peer_skewed_by_ten_seconds_and_keep_consensus() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), peer("b", 3, 2), peer("c", 10_001, 2)), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.CONSENSUS);
    assertThat(sourceNamed(reading, "c").getExcluded()).isTrue();
    assertThat(sourceNamed(reading, "b").getExcluded()).isFalse();
    assertThat(reading.getConsensusOffsetMs()).isBetween(0L, 3L);
    assertThat(reading.getConfidence()).isEqualTo(51);
    assertThat(reading.getReason()).contains("1 source(s) excluded");
  }

  @Test
  void the_skewed_peer_is_excluded_even_when_the_good_peer_is_slow() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), peer("b", 3, 5_000), peer("c", 10_001, 0)), NOW);

    assertThat(sourceNamed(reading, "c").getExcluded()).isTrue();
    assertThat(reading.getStatus()).isEqualTo(TimeStatus.CONSENSUS);
  }

  @Test
  void two_nodes_one_skewed_are_both_inadequate() {
    TimeReading healthy = new TimeConsensus(TimeConsensus.Rules.PROTOCOL_DEFAULTS)
      .evaluate(List.of(system(NOW), peer("skewed", 10_000, 2)), NOW);
    TimeReading skewed = new TimeConsensus(TimeConsensus.Rules.PROTOCOL_DEFAULTS)
      .evaluate(List.of(system(NOW), peer("healthy", -10_000, 2)), NOW);

    assertThat(healthy.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(skewed.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
  }

  @Test
  void sources_older_than_the_window_are_ignored() {
    TimeSample stale = source(PEERS, "gone", 0, 2, NOW - 60_001);
    TimeSample staleNtp = source(NTP, "old:123", 0, 2, NOW - 120_000);
    TimeReading reading = consensus.evaluate(List.of(system(NOW), stale, staleNtp), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(reading.getSourcesList()).extracting(TimeSourceReading::getName).containsExactly("system");
  }

  @Test
  void a_source_seen_exactly_at_the_window_edge_still_counts() {
    TimeReading reading = consensus.evaluate(List.of(system(NOW), source(PEERS, "b", 0, 2, NOW - 60_000)), NOW);

    assertThat(reading.getStatus()).isEqualTo(TimeStatus.CONSENSUS);
  }

  @Test
  void a_jump_of_the_consensus_offset_is_suspected_spoofing_until_the_window_passes() {
    assertThat(consensus.evaluate(List.of(system(NOW), ntp(0, 10)), NOW).getStatus()).isEqualTo(TimeStatus.VERIFIED);

    long t = NOW + 1_000;
    TimeReading jumped = consensus.evaluate(List.of(system(t), source(NTP, "ntp.test:123", 6_000, 10, t)), t);
    assertThat(jumped.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(jumped.getJumpSuspected()).isTrue();
    assertThat(jumped.getReason()).contains("suspected spoofing").contains("6000 ms");
    assertThat(jumped.getConfidence()).isLessThanOrEqualTo(TimeConsensus.INADEQUATE_CAP);

    long stillInWindow = t + 59_999;
    TimeReading during = consensus.evaluate(List.of(system(stillInWindow), source(NTP, "ntp.test:123", 6_000, 10, stillInWindow)),
      stillInWindow);
    assertThat(during.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(during.getJumpSuspected()).isTrue();

    long after = t + 60_000;
    TimeReading expired = consensus.evaluate(List.of(system(after), source(NTP, "ntp.test:123", 6_000, 10, after)), after);
    assertThat(expired.getJumpSuspected()).isFalse();
    assertThat(expired.getStatus()).isEqualTo(TimeStatus.VERIFIED);
  }

  @Test
  void a_step_of_the_local_clock_seen_by_the_peers_is_a_jump() {
    assertThat(consensus.evaluate(List.of(system(NOW), peer("b", 1, 2), peer("c", 2, 2)), NOW).getStatus())
      .isEqualTo(TimeStatus.CONSENSUS);

    long t = NOW + 500;
    TimeReading reading = consensus.evaluate(List.of(system(t), source(PEERS, "b", -7_000, 2, t), source(PEERS, "c", -7_001, 2, t)), t);

    assertThat(reading.getJumpSuspected()).isTrue();
    assertThat(reading.getReason()).contains("suspected spoofing");
  }

  @Test
  void the_first_external_offset_sets_the_baseline_without_a_jump() {
    consensus.evaluate(List.of(system(NOW)), NOW);
    TimeReading corrected = consensus.evaluate(List.of(system(NOW), ntp(-10_000, 10)), NOW);

    assertThat(corrected.getJumpSuspected()).isFalse();
    assertThat(corrected.getStatus()).isEqualTo(TimeStatus.VERIFIED);
    assertThat(corrected.getConsensusOffsetMs()).isEqualTo(-10_000);
  }

  @Test
  void changes_below_the_jump_threshold_are_not_jumps() {
    consensus.evaluate(List.of(system(NOW), ntp(0, 10)), NOW);
    TimeReading reading = consensus.evaluate(List.of(system(NOW), ntp(900, 10)), NOW);

    assertThat(reading.getJumpSuspected()).isFalse();
    assertThat(reading.getStatus()).isEqualTo(TimeStatus.VERIFIED);
  }

  @Test
  void the_reading_lists_every_fresh_source_with_its_figures_and_error() {
    TimeSample failing = source(PEERS, "b", 7, 3, NOW - 1_000).withError("no answer in time");
    TimeReading reading = consensus.evaluate(List.of(peer("c", 5, 2), failing, system(NOW)), NOW);

    assertThat(reading.getSourcesList()).extracting(TimeSourceReading::getName).containsExactly("system", "b", "c");
    TimeSourceReading b = sourceNamed(reading, "b");
    assertThat(b.getType()).isEqualTo(PEERS);
    assertThat(b.getOffsetMs()).isEqualTo(7);
    assertThat(b.getRoundTripMs()).isEqualTo(3);
    assertThat(b.getConfidence()).isEqualTo(70);
    assertThat(b.getLastSeenMs()).isEqualTo(NOW - 1_000);
    assertThat(b.getError()).isEqualTo("no answer in time");
  }

  @Test
  void weighted_median_is_the_lower_median_by_confidence() {
    TimeSample heavy = new TimeSample(PEERS, "heavy", 100, 0, 90, NOW, "");
    TimeSample light1 = new TimeSample(PEERS, "l1", 0, 0, 40, NOW, "");
    TimeSample light2 = new TimeSample(PEERS, "l2", 200, 0, 40, NOW, "");
    TimeSample half = new TimeSample(PEERS, "half", 500, 0, 50, NOW, "");
    TimeSample otherHalf = new TimeSample(PEERS, "other", -500, 0, 50, NOW, "");

    assertThat(TimeConsensus.weightedMedian(List.of(heavy, light1, light2))).isEqualTo(100);
    assertThat(TimeConsensus.weightedMedian(List.of(light1, light2, new TimeSample(PEERS, "big", 300, 0, 80, NOW, "")))).isEqualTo(200);
    assertThat(TimeConsensus.weightedMedian(List.of(half, otherHalf))).isEqualTo(-500);
    assertThat(TimeConsensus.weightedMedian(List.of(
      new TimeSample(PEERS, "z1", 10, 0, 0, NOW, ""), new TimeSample(PEERS, "z2", 20, 0, 0, NOW, ""),
      new TimeSample(PEERS, "z3", 30, 0, 0, NOW, "")))).isEqualTo(20);
  }

  @Test
  void agreement_spread_lowers_confidence() {
    TimeReading tight = new TimeConsensus(TimeConsensus.Rules.PROTOCOL_DEFAULTS)
      .evaluate(List.of(system(NOW), peer("b", 0, 0), peer("c", 0, 0)), NOW);
    TimeReading loose = new TimeConsensus(TimeConsensus.Rules.PROTOCOL_DEFAULTS)
      .evaluate(List.of(system(NOW), peer("b", 2_500, 0), peer("c", -2_500, 0)), NOW);

    assertThat(tight.getStatus()).isEqualTo(TimeStatus.CONSENSUS);
    assertThat(loose.getStatus()).isEqualTo(TimeStatus.CONSENSUS);
    assertThat(loose.getConfidence()).isLessThan(tight.getConfidence());
  }
}
