package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.governance.health.proto.HealthDetails;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthReportTest {
  @Test
  void every_procedure_becomes_a_component_with_its_data() {
    CheckResult overall = new CheckResult().setStatus(Status.KO()).setChecks(List.of(
      CheckResult.from("cluster", Status.OK(new JsonObject().put("members", 3))),
      CheckResult.from("storage", Status.KO(new JsonObject().put("diskFreeBytes", 1)))));
    HealthDetails details = HealthReport.toDetails("n1", overall);
    assertThat(details.getUp()).isFalse();
    assertThat(details.getNodeId()).isEqualTo("n1");
    assertThat(details.getComponentsList()).hasSize(2);
    assertThat(details.getComponents(0).getId()).isEqualTo("cluster");
    assertThat(details.getComponents(0).getUp()).isTrue();
    assertThat(new JsonObject(details.getComponents(0).getDataJson()).getInteger("members")).isEqualTo(3);
    assertThat(details.getComponents(1).getUp()).isFalse();
  }

  @Test
  void a_procedure_that_threw_is_down_with_the_failure_as_data() {
    CheckResult overall = new CheckResult().setStatus(Status.KO())
      .setChecks(List.of(CheckResult.from("time", new IllegalStateException("clock gone"))));
    HealthDetails details = HealthReport.toDetails("n1", overall);
    assertThat(details.getComponents(0).getUp()).isFalse();
    assertThat(new JsonObject(details.getComponents(0).getDataJson()).getString("error")).isEqualTo("clock gone");
  }

  @Test
  void no_procedures_is_up_with_no_components() {
    HealthDetails details = HealthReport.toDetails("n1", new CheckResult().setStatus(Status.OK()));
    assertThat(details.getUp()).isTrue();
    assertThat(details.getComponentsList()).isEmpty();
  }

  @Test
  void details_carry_status_load_reason_overall_and_resources() {
    JsonObject resources = new ResourceHealth(Threshold.degradedOnly(90), Threshold.degradedOnly(90), Threshold.degradedOnly(80))
      .evaluate(new ResourceReading(10, 50L << 20, 100L << 20, 30, 1000));
    CheckResult overall = new CheckResult().setStatus(Status.OK()).setChecks(List.of(
      CheckResult.from("resources", Status.OK(resources)),
      CheckResult.from("eventloop", Status.OK(new JsonObject().put("status", "UP").put("delayMs", 1.5).put("loadPercent", 0.8))),
      CheckResult.from("time", Status.OK(new JsonObject().put("status", "DEGRADED").put("reason", "time INADEQUATE")))));
    HealthDetails details = HealthReport.toDetails("n1", overall);
    assertThat(details.getOverall()).isEqualTo(org.juicetokens.governance.health.proto.HealthStatus.DEGRADED);
    assertThat(details.getUp()).isTrue();
    assertThat(details.getLoadPercent()).isEqualTo(50.0);
    assertThat(details.getComponentsList()).extracting(c -> c.getId()).containsExactly("eventloop", "resources", "time");
    assertThat(details.getComponents(2).getStatus()).isEqualTo(org.juicetokens.governance.health.proto.HealthStatus.DEGRADED);
    assertThat(details.getComponents(2).getReason()).isEqualTo("time INADEQUATE");
    assertThat(details.getComponents(2).getHasLoad()).isFalse();
    assertThat(details.getComponents(0).getHasLoad()).isTrue();
    assertThat(details.getComponents(0).getLoadPercent()).isEqualTo(0.8);
    assertThat(details.getResources().getProcessCpuPercent()).isEqualTo(10.0);
    assertThat(details.getResources().getHeapMaxBytes()).isEqualTo(100L << 20);
    assertThat(details.getResources().getOpenFiles()).isEqualTo(30);
    assertThat(details.getResources().getEventLoopDelayMs()).isEqualTo(1.5);
  }
}
