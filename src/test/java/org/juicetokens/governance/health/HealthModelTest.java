package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthModelTest {
  private static CheckResult node(CheckResult... checks) {
    return new CheckResult().setStatus(Status.OK()).setChecks(List.of(checks));
  }

  @Test
  void overall_is_the_worst_component() {
    HealthVerdict verdict = HealthModel.evaluate(node(
      CheckResult.from("storage", Status.OK(new JsonObject().put("status", "UP"))),
      CheckResult.from("time", Status.OK(new JsonObject().put("status", "DEGRADED").put("reason", "skewed"))),
      CheckResult.from("dht", Status.OK())));
    assertThat(verdict.overall()).isEqualTo(ComponentStatus.DEGRADED);
    assertThat(verdict.statuses()).containsExactly(
      java.util.Map.entry("dht", ComponentStatus.UP), java.util.Map.entry("storage", ComponentStatus.UP),
      java.util.Map.entry("time", ComponentStatus.DEGRADED));
    assertThat(verdict.component("time").orElseThrow().reason()).isEqualTo("skewed");

    HealthVerdict down = HealthModel.evaluate(node(
      CheckResult.from("time", Status.OK(new JsonObject().put("status", "DEGRADED"))),
      CheckResult.from("storage", Status.KO(new JsonObject().put("reason", "store closed")))));
    assertThat(down.overall()).isEqualTo(ComponentStatus.DOWN);
    assertThat(down.component("storage").orElseThrow().reason()).isEqualTo("store closed");
  }

  @Test
  void a_procedure_that_timed_out_is_down_with_a_reason() {
    CheckResult timedOut = CheckResult.from("extensions", new IllegalStateException(HealthModel.TIMEOUT_MESSAGE));
    HealthVerdict verdict = HealthModel.evaluate(node(timedOut, CheckResult.from("dht", Status.OK())));
    ComponentVerdict extensions = verdict.component("extensions").orElseThrow();
    assertThat(extensions.status()).isEqualTo(ComponentStatus.DOWN);
    assertThat(extensions.reason()).contains("did not answer");
    assertThat(verdict.overall()).isEqualTo(ComponentStatus.DOWN);
  }

  @Test
  void a_procedure_that_threw_is_down_with_its_message() {
    ComponentVerdict c = HealthModel.evaluate(node(CheckResult.from("x", new RuntimeException("boom")))).component("x").orElseThrow();
    assertThat(c.status()).isEqualTo(ComponentStatus.DOWN);
    assertThat(c.reason()).isEqualTo("health procedure failed: boom");
    assertThat(c.data().getString("error")).isEqualTo("boom");
  }

  @Test
  void ko_is_down_whatever_its_data_claims_and_a_down_claim_under_ok_stays_down() {
    HealthVerdict verdict = HealthModel.evaluate(node(
      CheckResult.from("a", Status.KO(new JsonObject().put("status", "UP"))),
      CheckResult.from("b", Status.OK(new JsonObject().put("status", "down")))));
    assertThat(verdict.component("a").orElseThrow().status()).isEqualTo(ComponentStatus.DOWN);
    assertThat(verdict.component("b").orElseThrow().status()).isEqualTo(ComponentStatus.DOWN);
    assertThat(verdict.component("a").orElseThrow().reason()).isEqualTo("reported DOWN");
  }

  @Test
  void an_unknown_status_word_under_ok_is_up_and_the_load_is_read_and_clamped() {
    HealthVerdict verdict = HealthModel.evaluate(node(
      CheckResult.from("legacy", Status.OK(new JsonObject().put("status", "CONSENSUS"))),
      CheckResult.from("workers", Status.OK(new JsonObject().put("loadPercent", 140))),
      CheckResult.from("pipe", Status.OK(new JsonObject().put("loadPercent", 12.34)))));
    assertThat(verdict.component("legacy").orElseThrow().status()).isEqualTo(ComponentStatus.UP);
    assertThat(verdict.component("legacy").orElseThrow().loadPercent()).isNull();
    assertThat(verdict.component("workers").orElseThrow().loadPercent()).isEqualTo(100.0);
    assertThat(verdict.component("pipe").orElseThrow().loadPercent()).isEqualTo(12.3);
    assertThat(verdict.loadPercent()).isEqualTo(100.0);
    assertThat(verdict.overall()).isEqualTo(ComponentStatus.UP);
  }

  @Test
  void a_node_without_procedures_is_up() {
    HealthVerdict verdict = HealthModel.evaluate(new CheckResult().setStatus(Status.OK()));
    assertThat(verdict.overall()).isEqualTo(ComponentStatus.UP);
    assertThat(verdict.components()).isEmpty();
    assertThat(verdict.loadPercent()).isZero();
  }
}
