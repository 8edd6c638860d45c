package org.juicetokens.transport.pipe;

import io.vertx.ext.healthchecks.Status;
import org.juicetokens.governance.health.Threshold;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PipeHealthTest {
  private final PipeHealth rules = new PipeHealth(1000, Threshold.degradedOnly(80));

  @Test
  void a_peer_away_is_up_and_the_fullest_outbox_is_the_load() {
    Status status = rules.evaluate(new PipeHealth.Counts(2, 1, 1, 250, 12, 200));
    assertThat(status.isOk()).isTrue();
    assertThat(status.getData().getString("status")).isEqualTo("UP");
    assertThat(status.getData().getDouble("loadPercent")).isEqualTo(20.0);
    assertThat(status.getData().getInteger("queued")).isEqualTo(250);
    assertThat(status.getData().getInteger("away")).isEqualTo(1);
  }

  @Test
  void an_outbox_near_full_degrades() {
    Status status = rules.evaluate(new PipeHealth.Counts(1, 0, 1, 850, 0, 850));
    assertThat(status.isOk()).isTrue();
    assertThat(status.getData().getString("status")).isEqualTo("DEGRADED");
    assertThat(status.getData().getString("reason")).isEqualTo("a pipe's outbox holds 850 of 1000 messages");
  }

  @Test
  void no_pipes_is_up_with_no_load() {
    Status status = rules.evaluate(new PipeHealth.Counts(0, 0, 0, 0, 0, 0));
    assertThat(status.getData().getString("status")).isEqualTo("UP");
    assertThat(status.getData().getDouble("loadPercent")).isZero();
  }
}
