package org.juicetokens.governance.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerPoolHealthTest {
  private final WorkerPoolHealth rules = new WorkerPoolHealth(new Threshold(16, 64));

  @Test
  void idle_pools_are_up_and_the_busiest_pool_gives_the_load() {
    JsonObject data = rules.evaluate(List.of(new WorkerPools.Reading("juice-storage", 0, 3, 0.75),
      new WorkerPools.Reading("vert.x-worker-thread", 0, 1, 0.05)));
    assertThat(data.getString("status")).isEqualTo("UP");
    assertThat(data.getDouble("loadPercent")).isEqualTo(75.0);
    assertThat(data.getJsonArray("pools")).hasSize(2);
    assertThat(data.getJsonArray("pools").getJsonObject(0).getLong("active")).isEqualTo(3);
  }

  @Test
  void a_queue_degrades_and_a_long_queue_is_down_naming_the_pool() {
    JsonObject degraded = rules.evaluate(List.of(new WorkerPools.Reading("juice-storage", 20, 4, 1.0)));
    assertThat(degraded.getString("status")).isEqualTo("DEGRADED");
    assertThat(degraded.getString("reason")).isEqualTo("20 tasks waiting for a thread of worker pool juice-storage");
    assertThat(rules.evaluate(List.of(new WorkerPools.Reading("juice-storage", 64, 4, 1.0))).getString("status")).isEqualTo("DOWN");
  }

  @Test
  void no_pools_measured_is_up_with_no_load() {
    JsonObject data = rules.evaluate(List.of());
    assertThat(data.getString("status")).isEqualTo("UP");
    assertThat(data.getDouble("loadPercent")).isZero();
  }

  @Test
  void pools_are_read_from_the_vertx_pool_meters_of_worker_type_only() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Gauge.builder(WorkerPools.PENDING, () -> 5).tag("pool_type", "worker").tag("pool_name", "juice-storage").register(registry);
    Gauge.builder(WorkerPools.IN_USE, () -> 2).tag("pool_type", "worker").tag("pool_name", "juice-storage").register(registry);
    Gauge.builder(WorkerPools.RATIO, () -> 1.0).tag("pool_type", "worker").tag("pool_name", "juice-storage").register(registry);
    Gauge.builder(WorkerPools.PENDING, () -> 9).tag("pool_type", "http").tag("pool_name", "client").register(registry);
    Gauge.builder(WorkerPools.IN_USE, () -> 1).tag("pool_type", "worker").tag("pool_name", "vert.x-worker-thread").register(registry);
    assertThat(WorkerPools.read(registry)).containsExactly(
      new WorkerPools.Reading("juice-storage", 5, 2, 1.0),
      new WorkerPools.Reading("vert.x-worker-thread", 0, 1, -1));
  }
}
