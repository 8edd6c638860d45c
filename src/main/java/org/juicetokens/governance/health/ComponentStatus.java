package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;

import java.util.Locale;

/**
 * A component's health, ordered from best to worst: UP serves; DEGRADED serves with a measured
 * reason to look (still HTTP 200 on /health, so an orchestrator does not restart a node that
 * a restart would not fix); DOWN cannot do its job (HTTP 503). The ordinal is the value of the
 * juice_health_status gauge (0, 1, 2).
 */
public enum ComponentStatus {
  UP, DEGRADED, DOWN;

  /** The key of the status in a procedure's data (BRIEF9 convention). */
  public static final String KEY = "status";
  /** The key of the measured load (0-100) in a procedure's data. */
  public static final String LOAD_KEY = "loadPercent";
  public static final String REASON_KEY = "reason";

  public ComponentStatus worst(ComponentStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** The gauge value: 0 UP, 1 DEGRADED, 2 DOWN. */
  public int code() {
    return ordinal();
  }

  /** "UP", "DEGRADED" or "DOWN" in any case; null or anything else is null. */
  public static ComponentStatus parse(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The procedure's answer for {@code data} in this status: the status (and the load, when
   * measured) written into the data, Status.OK for UP and DEGRADED, Status.KO for DOWN.
   */
  public Status toStatus(JsonObject data) {
    data.put(KEY, name());
    return this == DOWN ? Status.KO(data) : Status.OK(data);
  }
}
