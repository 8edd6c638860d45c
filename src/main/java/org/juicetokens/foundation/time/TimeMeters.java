package org.juicetokens.foundation.time;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceReading;
import org.juicetokens.foundation.time.proto.TimeStatus;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time layer's gauges, refreshed from each reading:
 * {@code juice.time.drift{type,source}} (offset of each fresh source from the local clock),
 * {@code juice.time.offset} (consensus offset), both in seconds (Prometheus base unit:
 * juice_time_drift_seconds, juice_time_offset_seconds; promtool rejects an "_ms" name), {@code juice.time.confidence} and
 * {@code juice.time.status{status}} (1 for the current status, 0 for the others).
 * The {@code source} label is the configured NTP server or a peer's node id: bounded by the
 * configuration and the cluster size, and a source's gauge is removed when it ages out.
 */
final class TimeMeters implements AutoCloseable {
  static final String DRIFT = "juice.time.drift";
  static final String OFFSET = "juice.time.offset";
  static final String CONFIDENCE = "juice.time.confidence";
  static final String STATUS = "juice.time.status";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> drift = new HashMap<>();
  private final Map<String, Gauge> driftGauges = new HashMap<>();
  private final AtomicLong offset = new AtomicLong();
  private final AtomicLong confidence = new AtomicLong();
  private final Map<TimeStatus, AtomicLong> status = new EnumMap<>(TimeStatus.class);
  private final Set<Gauge> fixed = new HashSet<>();

  TimeMeters(MeterRegistry registry) {
    this.registry = registry;
    fixed.add(Gauge.builder(OFFSET, offset, TimeMeters::seconds).description("Consensus offset from the local clock").baseUnit("seconds").register(registry));
    fixed.add(Gauge.builder(CONFIDENCE, confidence, AtomicLong::get).description("Time confidence 0-100").register(registry));
    for (TimeStatus s : new TimeStatus[] {TimeStatus.VERIFIED, TimeStatus.CONSENSUS, TimeStatus.INADEQUATE}) {
      AtomicLong value = new AtomicLong();
      status.put(s, value);
      fixed.add(Gauge.builder(STATUS, value, AtomicLong::get).description("1 for the current time status").tag("status", s.name())
        .register(registry));
    }
  }

  void update(TimeReading reading) {
    offset.set(reading.getConsensusOffsetMs());
    confidence.set(reading.getConfidence());
    status.forEach((s, value) -> value.set(s == reading.getStatus() ? 1 : 0));
    Set<String> seen = new HashSet<>();
    for (TimeSourceReading source : reading.getSourcesList()) {
      String key = source.getType().name() + "/" + source.getName();
      seen.add(key);
      drift.computeIfAbsent(key, k -> {
        AtomicLong value = new AtomicLong();
        driftGauges.put(k, Gauge.builder(DRIFT, value, TimeMeters::seconds).description("Offset of a time source from the local clock")
          .baseUnit("seconds").tags("type", source.getType().name().toLowerCase(java.util.Locale.ROOT), "source", source.getName())
          .register(registry));
        return value;
      }).set(source.getOffsetMs());
    }
    for (String gone : new HashSet<>(drift.keySet())) {
      if (!seen.contains(gone)) {
        drift.remove(gone);
        registry.remove(driftGauges.remove(gone));
      }
    }
  }

  private static double seconds(AtomicLong ms) {
    return ms.get() / 1000.0;
  }

  @Override
  public void close() {
    driftGauges.values().forEach(registry::remove);
    fixed.forEach(registry::remove);
    drift.clear();
    driftGauges.clear();
  }
}
