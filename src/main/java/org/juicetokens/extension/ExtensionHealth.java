package org.juicetokens.extension;

import io.vertx.core.json.JsonObject;
import org.juicetokens.extension.proto.ExtensionState;

import java.util.Map;

/**
 * The "extensions" health data: UP, or DEGRADED while any extension is in ERROR (the node works,
 * an operator should look); never DOWN, an extension cannot take the node down. Counts per state.
 */
final class ExtensionHealth {
  static final String ID = "extensions";

  private ExtensionHealth() {
  }

  static JsonObject data(Map<ExtensionState, Integer> counts, boolean restored) {
    JsonObject byState = new JsonObject();
    int total = 0;
    for (Map.Entry<ExtensionState, Integer> e : counts.entrySet()) {
      byState.put(e.getKey().name(), e.getValue());
      total += e.getValue();
    }
    int errors = counts.getOrDefault(ExtensionState.ERROR, 0);
    JsonObject data = new JsonObject().put("status", errors > 0 ? "DEGRADED" : "UP").put("registered", total).put("byState", byState)
      .put("restored", restored);
    if (errors > 0) {
      data.put("reason", errors + " extension(s) in ERROR");
    }
    return data;
  }
}
