package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdTest {
  @Test
  void values_reach_degraded_then_down_at_their_limits() {
    Threshold t = new Threshold(200, 2000);
    assertThat(t.status(199.9)).isEqualTo(ComponentStatus.UP);
    assertThat(t.status(200)).isEqualTo(ComponentStatus.DEGRADED);
    assertThat(t.status(2000)).isEqualTo(ComponentStatus.DOWN);
    assertThat(t.loadPercent(500)).isEqualTo(25.0);
    assertThat(t.loadPercent(5000)).isEqualTo(100.0);
  }

  @Test
  void a_limit_of_zero_is_off_and_the_load_then_counts_against_the_other() {
    Threshold degradedOnly = Threshold.degradedOnly(16);
    assertThat(degradedOnly.status(1_000_000)).isEqualTo(ComponentStatus.DEGRADED);
    assertThat(degradedOnly.loadPercent(4)).isEqualTo(25.0);
    Threshold off = new Threshold(0, 0);
    assertThat(off.status(1e12)).isEqualTo(ComponentStatus.UP);
    assertThat(off.loadPercent(1e12)).isZero();
  }

  @Test
  void statuses_order_worst_of_and_map_to_the_procedure_answer() {
    assertThat(ComponentStatus.UP.worst(ComponentStatus.DEGRADED)).isEqualTo(ComponentStatus.DEGRADED);
    assertThat(ComponentStatus.DOWN.worst(ComponentStatus.DEGRADED)).isEqualTo(ComponentStatus.DOWN);
    assertThat(ComponentStatus.DEGRADED.code()).isEqualTo(1);
    assertThat(ComponentStatus.parse(" degraded ")).isEqualTo(ComponentStatus.DEGRADED);
    assertThat(ComponentStatus.parse("VERIFIED")).isNull();
    assertThat(ComponentStatus.parse(3)).isNull();
    assertThat(ComponentStatus.DEGRADED.toStatus(new JsonObject()).isOk()).isTrue();
    assertThat(ComponentStatus.DOWN.toStatus(new JsonObject()).isOk()).isFalse();
    assertThat(ComponentStatus.DOWN.toStatus(new JsonObject()).getData().getString("status")).isEqualTo("DOWN");
    assertThat(Load.percent(Double.NaN)).isZero();
    assertThat(Load.percent(-3)).isZero();
  }
}
