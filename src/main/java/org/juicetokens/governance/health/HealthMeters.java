package org.juicetokens.governance.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * The health meters: juice_health_status{component} (0 UP, 1 DEGRADED, 2 DOWN) and
 * juice_health_load_ratio{component} (0-1) per procedure id (a bounded set: the ids the layers
 * register), juice_health_overall_status, and juice_eventloop_delay_seconds (the latest-running
 * event loop's timer lateness at the last probe).
 */
final class HealthMeters {
  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> loads = new ConcurrentHashMap<>();
  private final AtomicInteger overall = new AtomicInteger();
  private final List<Meter> meters = new ArrayList<>();

  HealthMeters(MeterRegistry registry, DoubleSupplier eventLoopDelayMs) {
    this.registry = registry;
    meters.add(Gauge.builder("juice.health.overall.status", overall, AtomicInteger::get)
      .description("The node's overall health: 0 UP, 1 DEGRADED, 2 DOWN (the worst component)").register(registry));
    meters.add(Gauge.builder("juice.eventloop.delay", eventLoopDelayMs, s -> s.getAsDouble() / 1000.0).baseUnit("seconds")
      .description("How late the latest-running event loop ran the health probe's timer").register(registry));
  }

  void update(HealthVerdict verdict) {
    overall.set(verdict.overall().code());
    for (ComponentVerdict c : verdict.components()) {
      statuses.computeIfAbsent(c.id(), this::statusGauge).set(c.status().code());
      // thousandths of a percent: the ratio keeps its resolution in a long
      loads.computeIfAbsent(c.id(), this::loadGauge).set(Math.round((c.loadPercent() == null ? 0 : c.loadPercent()) * 1000));
    }
  }

  private AtomicInteger statusGauge(String component) {
    AtomicInteger value = new AtomicInteger();
    meters.add(Gauge.builder("juice.health.status", value, AtomicInteger::get).tag("component", component)
      .description("A health component's status: 0 UP, 1 DEGRADED, 2 DOWN").register(registry));
    return value;
  }

  private AtomicLong loadGauge(String component) {
    AtomicLong value = new AtomicLong();
    meters.add(Gauge.builder("juice.health.load", value, v -> v.get() / 100_000.0).baseUnit("ratio").tag("component", component)
      .description("A health component's measured load, 0-1 (0 where it measures none)").register(registry));
    return value;
  }

  void close() {
    meters.forEach(registry::remove);
  }
}
