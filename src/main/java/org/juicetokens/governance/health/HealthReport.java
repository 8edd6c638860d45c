package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import org.juicetokens.governance.health.proto.ComponentHealth;
import org.juicetokens.governance.health.proto.HealthDetails;

import java.util.List;

/**
 * The node's health-check result in the API's form ({@link HealthDetails}): overall up/down and
 * one entry per procedure with its data as JSON text. A procedure that threw or timed out is
 * down, with the failure's message as its data.
 */
public final class HealthReport {
  private HealthReport() {
  }

  public static HealthDetails toDetails(String nodeId, CheckResult result) {
    HealthDetails.Builder details = HealthDetails.newBuilder()
      .setUp(CheckResult.isUp(result))
      .setNodeId(nodeId);
    List<CheckResult> checks = result.getChecks();
    if (checks != null) {
      for (CheckResult check : checks) {
        details.addComponents(ComponentHealth.newBuilder()
          .setId(String.valueOf(check.getId()))
          .setUp(CheckResult.isUp(check))
          .setDataJson(data(check).encode()));
      }
    }
    return details.build();
  }

  /** A procedure's data; for a failed procedure, the failure's message. */
  public static JsonObject data(CheckResult check) {
    JsonObject data = check.getData() == null ? new JsonObject() : check.getData().copy();
    if (check.getFailure() != null && !data.containsKey("error")) {
      data.put("error", String.valueOf(check.getFailure().getMessage()));
    }
    return data;
  }
}
