package org.juicetokens.governance.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import org.juicetokens.common.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The one wrapper every core operation runs through. For each call it
 * <ul>
 *   <li>writes the tagged debug line ({@code [Storage] put key=... outcome=ok 0.41ms});</li>
 *   <li>records {@code juice_operation_seconds{layer,operation,outcome}};</li>
 *   <li>counts failures in {@code juice_operation_errors_total{layer,operation,error}}
 *       (error = the ErrorCode name: a bounded set);</li>
 *   <li>feeds {@link OperationStats} for the admin snapshot.</li>
 * </ul>
 * Labels are bounded: never an id, key or address. Details go to the log line only, and callers
 * must not put secrets in them.
 */
public final class Instrumented {
  public static final String TIMER = "juice.operation";
  public static final String ERRORS = "juice.operation.errors";

  private static final Logger LOG = LoggerFactory.getLogger("org.juicetokens.operations");

  private final MeterRegistry registry;
  private final OperationStats stats;
  private final String nodeId;

  public Instrumented(MeterRegistry registry, OperationStats stats, String nodeId) {
    this.registry = registry;
    this.stats = stats;
    this.nodeId = nodeId;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public OperationStats stats() {
    return stats;
  }

  /**
   * Runs {@code operation} (which returns a future) and records its outcome. A synchronous
   * throw from the supplier is treated as a failed future.
   *
   * @param detail short, secret-free context for the log line, e.g. {@code "family=tokens key=ab12"}
   */
  public <T> Future<T> run(Layer layer, String operation, String detail, Supplier<Future<T>> work) {
    long start = System.nanoTime();
    Future<T> result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.andThen(ar -> {
      long nanos = System.nanoTime() - start;
      if (ar.succeeded()) {
        record(layer, operation, "ok", null, nanos, detail);
      } else {
        String error = Errors.toJuice(ar.cause()).code().name();
        String why = "error=" + error + " message=" + ar.cause().getMessage();
        record(layer, operation, "error", error, nanos, detail == null || detail.isEmpty() ? why : detail + " " + why);
      }
    });
  }

  /** Records an operation that ran synchronously (for pure, in-thread work such as decoding). */
  public void recordSync(Layer layer, String operation, boolean ok, String error, long nanos, String detail) {
    record(layer, operation, ok ? "ok" : "error", ok ? null : error, nanos, detail);
  }

  private void record(Layer layer, String operation, String outcome, String error, long nanos, String detail) {
    Timer.builder(TIMER)
      .description("Duration of core operations")
      .tags("layer", layer.tag(), "operation", operation, "outcome", outcome)
      .register(registry)
      .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (error != null) {
      Counter.builder(ERRORS)
        .description("Failed core operations by error code")
        .tags("layer", layer.tag(), "operation", operation, "error", error)
        .register(registry)
        .increment();
    }
    stats.record(layer, operation, error == null, nanos, error, detail);
    if (error != null && LOG.isInfoEnabled()) {
      LOG.info("[{}] [node: {}] {} {} outcome={} {}ms", layer.logTag(), nodeId, operation, detail, outcome, String.format("%.2f", nanos / 1e6));
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("[{}] [node: {}] {} {} outcome={} {}ms", layer.logTag(), nodeId, operation, detail, outcome, String.format("%.2f", nanos / 1e6));
    }
  }
}
