package org.juicetokens.governance.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the last evaluation and says what changed. The event (the body of
 * Addresses.HEALTH_CHANGED, the extensions' {@code health.changed} hook):
 * <pre>
 * {"nodeId": "a", "atMs": 1764300000000,
 *  "overall": "DEGRADED", "previousOverall": "UP",        // previousOverall absent on the first event
 *  "loadPercent": 12.5,                                   // the highest component load
 *  "changes": [{"component": "time", "status": "DEGRADED", "previous": "UP", "reason": "..."}],
 *  "components": {"cluster": "UP", "dht": "UP", "time": "DEGRADED", ...}}
 * </pre>
 * A component that disappeared (its procedure unregistered) is a change with status "REMOVED".
 * One owner calls it (the health verticle's context).
 */
public final class HealthChanges {
  static final String REMOVED = "REMOVED";

  private final String nodeId;
  private ComponentStatus overall;
  private Map<String, ComponentStatus> last = Map.of();

  public HealthChanges(String nodeId) {
    this.nodeId = nodeId;
  }

  /** The event for {@code verdict}, empty when neither the overall nor any component changed since the previous call. */
  public Optional<JsonObject> next(HealthVerdict verdict, long nowMs) {
    JsonArray changes = new JsonArray();
    Map<String, ComponentStatus> now = verdict.statuses();
    for (ComponentVerdict c : verdict.components()) {
      ComponentStatus before = last.get(c.id());
      if (before != c.status()) {
        JsonObject change = new JsonObject().put("component", c.id()).put("status", c.status().name());
        if (before != null) {
          change.put("previous", before.name());
        }
        changes.add(change.put("reason", c.reason()));
      }
    }
    last.forEach((id, before) -> {
      if (!now.containsKey(id)) {
        changes.add(new JsonObject().put("component", id).put("status", REMOVED).put("previous", before.name()).put("reason", ""));
      }
    });
    ComponentStatus previousOverall = overall;
    overall = verdict.overall();
    last = now;
    if (changes.isEmpty() && previousOverall == verdict.overall()) {
      return Optional.empty();
    }
    JsonObject components = new JsonObject(new LinkedHashMap<>());
    now.forEach((id, status) -> components.put(id, status.name()));
    JsonObject event = new JsonObject().put("nodeId", nodeId).put("atMs", nowMs).put("overall", verdict.overall().name());
    if (previousOverall != null) {
      event.put("previousOverall", previousOverall.name());
    }
    return Optional.of(event.put("loadPercent", verdict.loadPercent()).put("changes", changes).put("components", components));
  }
}
