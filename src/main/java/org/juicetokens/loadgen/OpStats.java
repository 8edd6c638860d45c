package org.juicetokens.loadgen;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to the attempts of one operation: committed (latency recorded, microseconds, in an
 * HdrHistogram with 3 significant digits), aborted (the node answered and refused or aborted it:
 * counted by its ErrorCode) or errors (no usable answer: timeout, transport failure, counted by
 * cause). Every attempt ends in exactly one of the three. Not thread-safe: one driver context records.
 */
public final class OpStats {
  private final Histogram latencyUs = new Histogram(3);
  private final Map<String, Long> aborts = new TreeMap<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private long attempted;
  private long committed;

  public void started() {
    attempted++;
  }

  public void committed(long nanos) {
    committed++;
    latencyUs.recordValue(Math.max(0, nanos / 1_000));
  }

  public void aborted(String code) {
    aborts.merge(code, 1L, Long::sum);
  }

  public void error(String cause) {
    errors.merge(cause, 1L, Long::sum);
  }

  public long attempted() {
    return attempted;
  }

  public long committed() {
    return committed;
  }

  public long aborted() {
    return aborts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long errors() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Attempts started and not ended yet. */
  public long inFlight() {
    return attempted - committed - aborted() - errors();
  }

  /** The latency (ms) below which {@code percentile} % of the committed attempts fall; NaN before the first. */
  public double latencyMs(double percentile) {
    return latencyUs.getTotalCount() == 0 ? Double.NaN : latencyUs.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMs() {
    return latencyUs.getTotalCount() == 0 ? Double.NaN : latencyUs.getMaxValue() / 1000.0;
  }

  public double meanMs() {
    return latencyUs.getTotalCount() == 0 ? Double.NaN : latencyUs.getMean() / 1000.0;
  }

  /** Adds {@code other}'s latencies into {@code into} (for the all-operations progress line). */
  void addLatenciesTo(Histogram into) {
    into.add(latencyUs);
  }

  /** Forgets everything (the end of the warm-up); attempts in flight then end uncounted. */
  public void reset() {
    latencyUs.reset();
    aborts.clear();
    errors.clear();
    attempted = 0;
    committed = 0;
  }

  /** This operation's part of the report; {@code seconds} is the measured time. */
  public JsonObject toJson(double seconds) {
    JsonObject latency = new JsonObject().put("p50", LoadReport.round(latencyMs(50))).put("p95", LoadReport.round(latencyMs(95)))
      .put("p99", LoadReport.round(latencyMs(99))).put("max", LoadReport.round(maxMs())).put("mean", LoadReport.round(meanMs()));
    return new JsonObject().put("attempted", attempted).put("committed", committed).put("aborted", aborted()).put("errors", errors())
      .put("committedPerSecond", LoadReport.round(seconds > 0 ? committed / seconds : 0))
      .put("abortRate", LoadReport.round(rate(aborted()))).put("errorRate", LoadReport.round(rate(errors())))
      .put("latencyMs", latency)
      .put("abortsByCode", new JsonObject(new TreeMap<>(aborts)))
      .put("errorsByCode", new JsonObject(new TreeMap<>(errors)));
  }

  private double rate(long n) {
    return attempted == 0 ? 0 : (double) n / attempted;
  }
}
