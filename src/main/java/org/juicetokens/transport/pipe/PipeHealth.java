package org.juicetokens.transport.pipe;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.governance.health.ComponentStatus;
import org.juicetokens.governance.health.Load;
import org.juicetokens.governance.health.Threshold;

/**
 * The "pipe" health procedure's answer. A peer being away is not this node failing (UP). The
 * backlog is: messages waiting in a pipe's outbox (not yet written) plus those written and not
 * yet acknowledged. Load = the fullest outbox as a share of transport.pipe.outboxMessages; at
 * health.pipeBacklogDegradedPercent it is DEGRADED (sends are about to fail with
 * RESOURCE_EXHAUSTED for that peer).
 */
record PipeHealth(int outboxMessages, Threshold backlogPercent) {

  /** The figures of every pipe, gathered on the pipes' owner. */
  record Counts(int pipes, int open, int away, int queued, int inFlight, int fullestOutbox) {
  }

  Status evaluate(Counts c) {
    double fill = outboxMessages <= 0 ? 0 : 100.0 * c.fullestOutbox() / outboxMessages;
    ComponentStatus status = backlogPercent.status(fill);
    JsonObject data = new JsonObject().put("pipes", c.pipes()).put("open", c.open()).put("away", c.away())
      .put("queued", c.queued()).put("inFlight", c.inFlight()).put("fullestOutbox", c.fullestOutbox())
      .put(ComponentStatus.LOAD_KEY, Load.percent(fill));
    if (status != ComponentStatus.UP) {
      data.put(ComponentStatus.REASON_KEY, "a pipe's outbox holds " + c.fullestOutbox() + " of " + outboxMessages + " messages");
    }
    return status.toStatus(data);
  }
}
