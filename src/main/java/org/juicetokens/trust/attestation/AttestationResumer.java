package org.juicetokens.trust.attestation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Runs resume passes ({@link AttestationOutbox#resume}, instrumented) on the home node: once at start, then every
 * {@code intervalMs}; after a pass that left some pending (or failed), the wait doubles up to
 * {@code maxBackoffMs}, and returns to the interval after a clean pass. One pass at a time.
 */
final class AttestationResumer {
  private static final Logger LOG = LoggerFactory.getLogger(AttestationResumer.class);

  private final Vertx vertx;
  private final String nodeId;
  private final Supplier<Future<AttestationOutbox.Pass>> pass;
  private final long intervalMs;
  private final long maxBackoffMs;
  private long delayMs;
  private long timer = -1;
  private boolean stopped;
  private volatile JsonObject last = new JsonObject();

  AttestationResumer(Vertx vertx, String nodeId, Supplier<Future<AttestationOutbox.Pass>> pass, long intervalMs, long maxBackoffMs) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.pass = pass;
    this.intervalMs = intervalMs;
    this.maxBackoffMs = Math.max(intervalMs, maxBackoffMs);
    this.delayMs = intervalMs;
  }

  void start() {
    pass();
  }

  /** The last pass, for the health procedure: when, how many finished, how many still pending, the next wait. */
  JsonObject health() {
    return last.copy();
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void pass() {
    pass.get().onComplete(result -> {
      if (result.finished() > 0 || result.failed() > 0) {
        LOG.info("[Identity] [node: {}] pending attestations: {} finished, {} still pending", nodeId, result.finished(), result.failed());
      }
      delayMs = result.failed() == 0 ? intervalMs : Math.min(maxBackoffMs, delayMs * 2);
      last = new JsonObject().put("lastPassAtMs", System.currentTimeMillis()).put("finished", result.finished())
        .put("stillPending", result.failed()).put("nextPassInMs", delayMs);
      schedule();
    }, failure -> {
      LOG.warn("[Identity] [node: {}] pending attestations not resumed: {}", nodeId, failure.getMessage());
      delayMs = Math.min(maxBackoffMs, delayMs * 2);
      last = new JsonObject().put("lastPassAtMs", System.currentTimeMillis()).put("error", failure.getMessage()).put("nextPassInMs", delayMs);
      schedule();
    });
  }

  private void schedule() {
    if (!stopped) {
      timer = vertx.setTimer(delayMs, id -> pass());
    }
  }
}
