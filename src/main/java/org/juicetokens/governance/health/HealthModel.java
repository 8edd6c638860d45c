package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the procedures' answers into statuses (BRIEF9 convention): a procedure that failed or did
 * not answer within its timeout is DOWN with that as the reason; Status.KO is DOWN; Status.OK is
 * the "status" its data names (UP when it names none, or something else, like a layer's own word).
 * A data status of DOWN under Status.OK stays DOWN: the stricter reading wins. Overall = the worst
 * component; a node with no procedure at all is UP (nothing claims otherwise).
 */
public final class HealthModel {
  /** The message vertx-health-check fails a procedure with when it does not answer in time. */
  static final String TIMEOUT_MESSAGE = "Timeout";

  private HealthModel() {
  }

  public static HealthVerdict evaluate(CheckResult result) {
    List<ComponentVerdict> components = new ArrayList<>();
    List<CheckResult> checks = result.getChecks();
    if (checks != null) {
      for (CheckResult check : checks) {
        components.add(component(String.valueOf(check.getId()), CheckResult.isUp(check), check.getData(), check.getFailure()));
      }
    } else if (result.getId() != null) {
      components.add(component(result.getId(), CheckResult.isUp(result), result.getData(), result.getFailure()));
    }
    components.sort(Comparator.comparing(ComponentVerdict::id));
    ComponentStatus overall = components.stream().map(ComponentVerdict::status).reduce(ComponentStatus.UP, ComponentStatus::worst);
    return new HealthVerdict(overall, List.copyOf(components));
  }

  /** One procedure's verdict from what it answered. */
  static ComponentVerdict component(String id, boolean up, JsonObject answered, Throwable failure) {
    JsonObject data = answered == null ? new JsonObject() : answered.copy();
    Double load = data.getValue(ComponentStatus.LOAD_KEY) instanceof Number n ? Load.percent(n.doubleValue()) : null;
    if (failure != null) {
      String message = String.valueOf(failure.getMessage());
      String reason = TIMEOUT_MESSAGE.equals(message) ? "did not answer within its health timeout" : "health procedure failed: " + message;
      if (!data.containsKey("error")) {
        data.put("error", message);
      }
      return new ComponentVerdict(id, ComponentStatus.DOWN, load, reason, data);
    }
    ComponentStatus claimed = ComponentStatus.parse(data.getValue(ComponentStatus.KEY));
    ComponentStatus status = up ? (claimed == null ? ComponentStatus.UP : claimed) : ComponentStatus.DOWN;
    String reason = status == ComponentStatus.UP ? "" : reasonOf(data, status);
    return new ComponentVerdict(id, status, load, reason, data);
  }

  private static String reasonOf(JsonObject data, ComponentStatus status) {
    Object reason = data.getValue(ComponentStatus.REASON_KEY);
    if (reason instanceof String text && !text.isBlank()) {
      return text;
    }
    Object error = data.getValue("error");
    return error instanceof String text && !text.isBlank() ? text : "reported " + status;
  }
}
