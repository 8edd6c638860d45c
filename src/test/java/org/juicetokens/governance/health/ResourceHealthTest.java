package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceHealthTest {
  private final ResourceHealth rules = new ResourceHealth(Threshold.degradedOnly(90), new Threshold(90, 98), new Threshold(80, 95));

  @Test
  void a_quiet_process_is_up_with_its_highest_share_as_load() {
    JsonObject data = rules.evaluate(new ResourceReading(12.5, 256L << 20, 1024L << 20, 100, 1000));
    assertThat(data.getString("status")).isEqualTo("UP");
    assertThat(data.getDouble("loadPercent")).isEqualTo(25.0);
    assertThat(data.getDouble("heapUsedPercent")).isEqualTo(25.0);
    assertThat(data.getLong("openFiles")).isEqualTo(100);
    assertThat(data.containsKey("reason")).isFalse();
  }

  @Test
  void busy_cpu_or_a_full_heap_degrades_and_almost_no_file_descriptors_left_is_down() {
    assertThat(rules.evaluate(new ResourceReading(95, 1, 100, 1, 100)).getString("status")).isEqualTo("DEGRADED");
    JsonObject heap = rules.evaluate(new ResourceReading(1, 92, 100, 1, 100));
    assertThat(heap.getString("status")).isEqualTo("DEGRADED");
    assertThat(heap.getString("reason")).contains("heap at 92.0 %");
    JsonObject files = rules.evaluate(new ResourceReading(1, 1, 100, 96, 100));
    assertThat(files.getString("status")).isEqualTo("DOWN");
    assertThat(files.getString("reason")).contains("open files");
  }

  @Test
  void figures_the_jvm_cannot_tell_count_for_nothing() {
    JsonObject data = rules.evaluate(new ResourceReading(-1, 10, -1, -1, -1));
    assertThat(data.getString("status")).isEqualTo("UP");
    assertThat(data.getDouble("loadPercent")).isZero();
    assertThat(data.getDouble("processCpuPercent")).isEqualTo(-1.0);
  }

  @Test
  void the_sample_of_this_jvm_has_a_heap_and_file_descriptors() {
    ResourceReading r = ResourceReading.sample();
    assertThat(r.heapUsedBytes()).isPositive();
    assertThat(r.heapMaxBytes()).isPositive();
    assertThat(r.openFiles()).isPositive();
    assertThat(r.maxFiles()).isGreaterThanOrEqualTo(r.openFiles());
  }
}
