package org.juicetokens.governance.health;

import org.juicetokens.node.config.ConfigLoader;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthSettingsTest {
  @Test
  void defaults_degrade_before_they_go_down_and_leave_heap_and_event_loop_down_off() {
    HealthSettings s = HealthSettings.from(ConfigLoader.load(null, Map.of(), Map.of()));
    assertThat(s.probeIntervalMs()).isEqualTo(1000);
    assertThat(s.evaluateIntervalMs()).isEqualTo(2000);
    assertThat(s.eventLoop().delayMs()).isEqualTo(new Threshold(200, 0));
    assertThat(s.workers().queued()).isEqualTo(new Threshold(16, 0));
    assertThat(s.resources().heap()).isEqualTo(new Threshold(90, 0));
    assertThat(s.resources().openFiles()).isEqualTo(new Threshold(80, 98));
  }

  @Test
  void thresholds_come_from_the_environment_and_a_percentage_above_100_is_refused() {
    NodeConfig config = ConfigLoader.load(null, Map.of("JT_HEALTH_WORKER_QUEUE_DOWN", "64", "JT_HEALTH_CPU_DEGRADED_PERCENT", "75"), Map.of());
    HealthSettings s = HealthSettings.from(config);
    assertThat(s.workers().queued().downAt()).isEqualTo(64);
    assertThat(s.resources().cpu()).isEqualTo(Threshold.degradedOnly(75));
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("JT_HEALTH_HEAP_DEGRADED_PERCENT", "150"), Map.of()))
      .hasMessageContaining("health.heapDegradedPercent").hasMessageContaining("a percentage 0-100");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("JT_HEALTH_WORKER_QUEUE_DEGRADED", "-1"), Map.of()))
      .hasMessageContaining("health.workerQueueDegraded");
  }
}
