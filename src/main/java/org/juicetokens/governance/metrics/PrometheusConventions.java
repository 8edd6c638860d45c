package org.juicetokens.governance.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

import java.lang.management.ManagementFactory;

/**
 * Keeps the node's /metrics within Prometheus naming rules, so {@code promtool check metrics}
 * passes. Micrometer's binders name two meters against them: {@code process.cpu.time} (unit "ns",
 * exposed as process_cpu_time_ns_total: "abbreviated units") and {@code system.cpu.count}
 * (system_cpu_count: "_count" suffix on a gauge). The first is replaced by the standard
 * {@code process_cpu_seconds_total}, the second renamed {@code system_cpus}.
 * Apply before binding any meter: filters only affect meters registered after them.
 */
public final class PrometheusConventions {
  private PrometheusConventions() {
  }

  public static void apply(MeterRegistry registry) {
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public MeterFilterReply accept(Meter.Id id) {
        return "process.cpu.time".equals(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
      }

      @Override
      public Meter.Id map(Meter.Id id) {
        return "system.cpu.count".equals(id.getName()) ? id.withName("system.cpus") : id;
      }
    });
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      FunctionCounter.builder("process.cpu", os, bean -> Math.max(0, bean.getProcessCpuTime()) / 1e9)
        .baseUnit("seconds")
        .description("CPU time used by the node's JVM process")
        .register(registry);
    }
  }
}
