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
}
