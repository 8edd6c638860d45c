package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import org.juicetokens.governance.health.proto.ComponentHealth;
import org.juicetokens.governance.health.proto.HealthDetails;
import org.juicetokens.governance.health.proto.HealthStatus;
import org.juicetokens.governance.health.proto.NodeResources;

/**
 * The node's health-check result in the API's form ({@link HealthDetails}): the overall status
 * (the worst component, {@link HealthModel}), one entry per procedure with its status, load,
 * reason and data as JSON text, and the node's resources (from the "resources" and "eventloop"
 * procedures). A procedure that threw or timed out is DOWN, with the failure's message as its data.
 */
public final class HealthReport {
  private HealthReport() {
  }

  public static HealthDetails toDetails(String nodeId, CheckResult result) {
    HealthVerdict verdict = HealthModel.evaluate(result);
    HealthDetails.Builder details = HealthDetails.newBuilder()
      .setUp(verdict.overall() != ComponentStatus.DOWN)
      .setNodeId(nodeId)
      .setOverall(proto(verdict.overall()))
      .setLoadPercent(verdict.loadPercent());
    for (ComponentVerdict c : verdict.components()) {
      JsonObject data = c.data();
      details.addComponents(ComponentHealth.newBuilder()
        .setId(c.id())
        .setUp(c.status() != ComponentStatus.DOWN)
        .setStatus(proto(c.status()))
        .setHasLoad(c.loadPercent() != null)
        .setLoadPercent(c.loadPercent() == null ? 0 : c.loadPercent())
        .setReason(c.reason())
        .setDataJson(data.encode()));
    }
    details.setResources(resources(verdict));
    return details.build();
  }

  static HealthStatus proto(ComponentStatus status) {
    return switch (status) {
      case UP -> HealthStatus.UP;
      case DEGRADED -> HealthStatus.DEGRADED;
      case DOWN -> HealthStatus.DOWN;
    };
  }

  private static NodeResources resources(HealthVerdict verdict) {
    NodeResources.Builder resources = NodeResources.newBuilder().setProcessCpuPercent(-1).setOpenFiles(-1).setMaxFiles(-1);
    verdict.component("resources").map(ComponentVerdict::data).ifPresent(r -> resources
      .setProcessCpuPercent(r.getDouble("processCpuPercent", -1.0))
      .setHeapUsedBytes(r.getLong("heapUsedBytes", 0L))
      .setHeapMaxBytes(r.getLong("heapMaxBytes", 0L))
      .setOpenFiles(r.getLong("openFiles", -1L))
      .setMaxFiles(r.getLong("maxFiles", -1L)));
    verdict.component("eventloop").map(ComponentVerdict::data)
      .ifPresent(e -> resources.setEventLoopDelayMs(e.getDouble("delayMs", 0.0)));
    return resources.build();
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
