package org.juicetokens.governance.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the worker pools' occupancy from the Vert.x Micrometer pool meters already on the node's
 * registry ({@code vertx_pool_queue_pending}, {@code vertx_pool_in_use}, {@code vertx_pool_ratio},
 * tagged pool_type="worker" and pool_name): the default worker pool, the internal blocking pool
 * and every named pool of the node (juice-storage, juice-time-ntp, ...). Vert.x keeps these
 * figures itself; reading a gauge is a memory read, safe on the event loop.
 */
public final class WorkerPools {
  static final String PENDING = "vertx.pool.queue.pending";
  static final String IN_USE = "vertx.pool.in.use";
  static final String RATIO = "vertx.pool.ratio";
  static final String TYPE_TAG = "pool_type";
  static final String NAME_TAG = "pool_name";

  /** One pool: tasks waiting for a thread, tasks running, and running / pool size (-1 when unknown). */
  public record Reading(String name, long pending, long inUse, double usageRatio) {
  }

  private WorkerPools() {
  }

  public static List<Reading> read(MeterRegistry registry) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Double> ratios = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      String name = meter.getId().getName();
      if (!(meter instanceof Gauge gauge) || !"worker".equals(meter.getId().getTag(TYPE_TAG))) {
        continue;
      }
      String pool = String.valueOf(meter.getId().getTag(NAME_TAG));
      double value = gauge.value();
      switch (name) {
        case PENDING -> counts.computeIfAbsent(pool, p -> new long[2])[0] = (long) value;
        case IN_USE -> counts.computeIfAbsent(pool, p -> new long[2])[1] = (long) value;
        case RATIO -> ratios.put(pool, value);
        default -> {
        }
      }
    }
    List<Reading> readings = new ArrayList<>();
    counts.forEach((pool, c) -> readings.add(new Reading(pool, c[0], c[1],
      ratios.getOrDefault(pool, -1.0).isNaN() ? -1 : ratios.getOrDefault(pool, -1.0))));
    readings.sort(Comparator.comparing(Reading::name));
    return readings;
  }
}
