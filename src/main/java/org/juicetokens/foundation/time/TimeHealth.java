package org.juicetokens.foundation.time;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.governance.health.ComponentStatus;

/**
 * The "time" health procedure's answer. VERIFIED and CONSENSUS are UP (peer consensus is a
 * designed mode, not a fault). INADEQUATE — a node alone without NTP, its own clock skewed beyond
 * time.outlierThresholdMs from its peers, or a suspected jump — is DEGRADED: the node refuses to
 * commit transfers (TIME_INADEQUATE) but serves everything else, and a restart would not fix a
 * clock, so /health stays 200 and an orchestrator does not restart it in a loop. The reading's
 * own status is kept as "timeStatus"; "status" is the health status.
 */
public final class TimeHealth {
  private TimeHealth() {
  }

  public static Status of(TimeReading reading) {
    JsonObject data = TimeReadingJson.of(reading).put("timeStatus", reading.getStatus().name());
    boolean adequate = reading.getStatus() == TimeStatus.VERIFIED || reading.getStatus() == TimeStatus.CONSENSUS;
    data.put("committing", adequate);
    if (adequate) {
      return ComponentStatus.UP.toStatus(data);
    }
    String why = reading.getReason().isEmpty() ? "no adequate time source" : reading.getReason();
    return ComponentStatus.DEGRADED.toStatus(data.put("reason", "time INADEQUATE, transfers are refused: " + why));
  }
}
