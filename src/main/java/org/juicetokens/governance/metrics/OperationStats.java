package org.juicetokens.governance.metrics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The admin console's view of operations: counts, errors and latency per layer and operation,
 * plus the latest errors. Shared by the verticles of one node (lock-free counters), read once
 * a second by the SSE snapshot.
 */
public final class OperationStats {
  private static final int RECENT_ERRORS = 20;

  private final Map<String, Counters> byOperation = new ConcurrentHashMap<>();
  private final Deque<JsonObject> recentErrors = new ConcurrentLinkedDeque<>();
  private final AtomicInteger recentErrorCount = new AtomicInteger();

  void record(Layer layer, String operation, boolean ok, long nanos, String error, String detail) {
    Counters counters = byOperation.computeIfAbsent(layer.tag() + "." + operation, k -> new Counters(layer, operation));
    (ok ? counters.ok : counters.failed).increment();
    counters.totalNanos.add(nanos);
    counters.maxNanos.accumulateAndGet(nanos, Math::max);
    if (!ok) {
      recentErrors.addFirst(new JsonObject()
        .put("atMs", System.currentTimeMillis())
        .put("layer", layer.tag())
        .put("operation", operation)
        .put("error", error)
        .put("detail", detail));
      if (recentErrorCount.incrementAndGet() > RECENT_ERRORS) {
        recentErrors.pollLast();
        recentErrorCount.decrementAndGet();
      }
    }
  }

  /** Totals of one layer: {ok, failed, meanMs}, for tests and the snapshot. */
  public JsonObject layerTotals(Layer layer) {
    long ok = 0;
    long failed = 0;
    long nanos = 0;
    for (Counters c : byOperation.values()) {
      if (c.layer == layer) {
        ok += c.ok.sum();
        failed += c.failed.sum();
        nanos += c.totalNanos.sum();
      }
    }
    long count = ok + failed;
    return new JsonObject().put("ok", ok).put("failed", failed)
      .put("successRate", count == 0 ? 1.0 : (double) ok / count)
      .put("meanMs", count == 0 ? 0.0 : nanos / 1e6 / count);
  }

  /** Everything, as JSON: {operations:[{layer, operation, ok, failed, meanMs, maxMs}], recentErrors:[...]}. */
  public JsonObject snapshot() {
    JsonArray operations = new JsonArray();
    byOperation.values().stream()
      .sorted((a, b) -> (a.layer.tag() + a.operation).compareTo(b.layer.tag() + b.operation))
      .forEach(c -> {
        long ok = c.ok.sum();
        long failed = c.failed.sum();
        long count = ok + failed;
        operations.add(new JsonObject()
          .put("layer", c.layer.tag())
          .put("operation", c.operation)
          .put("ok", ok)
          .put("failed", failed)
          .put("meanMs", count == 0 ? 0.0 : c.totalNanos.sum() / 1e6 / count)
          .put("maxMs", c.maxNanos.get() / 1e6));
      });
    return new JsonObject().put("operations", operations).put("recentErrors", new JsonArray(new ArrayDeque<>(recentErrors).stream().toList()));
  }

  private static final class Counters {
    final Layer layer;
    final String operation;
    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder totalNanos = new LongAdder();
    final java.util.concurrent.atomic.AtomicLong maxNanos = new java.util.concurrent.atomic.AtomicLong();

    Counters(Layer layer, String operation) {
      this.layer = layer;
      this.operation = operation;
    }
  }
}
