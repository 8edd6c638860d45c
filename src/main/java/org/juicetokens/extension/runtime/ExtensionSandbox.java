package org.juicetokens.extension.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import org.juicetokens.extension.spi.JuiceExtension;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The verticle of one active extension, deployed as a WORKER verticle on a one-thread pool of its
 * own ({@code jt-ext-<id>}): its JuiceExtension methods run on that context, one at a time, and an
 * extension that blocks holds only that thread, never an event loop of the node. stop() calls the
 * extension's stop, cut at the stop timeout (a failure is kept for the host to report).
 */
final class ExtensionSandbox extends VerticleBase {
  private final JuiceExtension extension;
  private final long stopTimeoutMs;
  private volatile String stopFailure = "";

  ExtensionSandbox(JuiceExtension extension, long stopTimeoutMs) {
    this.extension = extension;
    this.stopTimeoutMs = stopTimeoutMs;
  }

  /**
   * Runs {@code work} (a call into the extension) on this verticle's context; a throw or a null
   * future fails the answer. The answer completes on the extension's thread.
   */
  <T> Future<T> call(Supplier<Future<T>> work) {
    Promise<T> answer = Promise.promise();
    context.runOnContext(v -> {
      Future<T> result;
      try {
        result = work.get();
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        result = Future.failedFuture(e);
      }
      if (result == null) {
        result = Future.failedFuture(new IllegalStateException("the extension answered no future"));
      }
      result.onComplete(answer::tryComplete, answer::tryFail);
    });
    return answer.future();
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped;
    try {
      stopped = extension.stop();
    } catch (RuntimeException | LinkageError e) {
      stopped = Future.failedFuture(e);
    }
    if (stopped == null) {
      stopped = Future.succeededFuture();
    }
    return stopped.timeout(stopTimeoutMs, TimeUnit.MILLISECONDS)
      .onFailure(f -> stopFailure = "stop failed: " + f)
      .otherwiseEmpty();
  }

  /** Why the extension's stop failed or timed out ("" when it did not). */
  String stopFailure() {
    return stopFailure;
  }
}
