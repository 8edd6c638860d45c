package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;

/**
 * The "eventloop" component: how late the latest-running event loop ran the probe's timer, against
 * health.eventLoopDelayDegradedMs / health.eventLoopDelayDownMs. The worse of the latest
 * reading and the worst since the previous evaluation counts, so a spike between two reads
 * shows once. Load = that delay as a share of the limit.
 */
public record EventLoopHealth(Threshold delayMs) {

  public JsonObject evaluate(double latestMs, double worstSinceLastMs, int loops) {
    double delay = Math.max(latestMs, worstSinceLastMs);
    ComponentStatus status = delayMs.status(delay);
    JsonObject data = new JsonObject()
      .put("delayMs", round(latestMs))
      .put("worstDelayMs", round(worstSinceLastMs))
      .put("loops", loops)
      .put(ComponentStatus.LOAD_KEY, delayMs.loadPercent(delay))
      .put(ComponentStatus.KEY, status.name());
    if (status != ComponentStatus.UP) {
      data.put(ComponentStatus.REASON_KEY, "an event loop ran its timer " + round(delay) + " ms late");
    }
    return data;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
