package org.juicetokens.loadgen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;

/**
 * The end-of-run report: the run's settings, totals (attempted = committed + aborted + errors),
 * per operation throughput, latency percentiles of the committed attempts, abort and error rates
 * by code, and the cluster-wide audit; as JSON ({@link #toJson}) and as text lines ({@link #toText}).
 */
public final class LoadReport {
  private final JsonObject json;

  private LoadReport(JsonObject json) {
    this.json = json;
  }

  /**
   * @param settings the run's options as JSON (nodes, mix, concurrency, ...)
   * @param seconds  the measured time (after the warm-up)
   * @param audit    the audit report as JSON, or {@code {"error": "..."}} when it could not be read
   */
  public static LoadReport of(JsonObject settings, double seconds, LoadStats stats, JsonObject audit) {
    JsonObject operations = new JsonObject();
    for (Map.Entry<OpKind, OpStats> e : stats.byKind().entrySet()) {
      operations.put(e.getKey().label(), e.getValue().toJson(seconds));
    }
    long attempted = stats.attempted();
    JsonObject totals = new JsonObject().put("attempted", attempted).put("committed", stats.committed())
      .put("aborted", stats.aborted()).put("errors", stats.errors())
      .put("committedPerSecond", round(seconds > 0 ? stats.committed() / seconds : 0))
      .put("abortRate", round(attempted == 0 ? 0 : (double) stats.aborted() / attempted))
      .put("errorRate", round(attempted == 0 ? 0 : (double) stats.errors() / attempted));
    return new LoadReport(new JsonObject().put("settings", settings).put("measuredSeconds", round(seconds))
      .put("totals", totals).put("operations", operations).put("audit", audit));
  }

  public JsonObject toJson() {
    return json;
  }

  /** True when the audit answered and found the value conserved. */
  public boolean conserved() {
    return json.getJsonObject("audit").getBoolean("conserved", false);
  }

  public String toText() {
    StringBuilder b = new StringBuilder();
    JsonObject t = json.getJsonObject("totals");
    b.append(String.format(Locale.ROOT, "%d attempted in %.1f s: %d committed (%.1f/s), %d aborted, %d errors%n",
      t.getLong("attempted"), json.getDouble("measuredSeconds"), t.getLong("committed"), t.getDouble("committedPerSecond"),
      t.getLong("aborted"), t.getLong("errors")));
    JsonObject ops = json.getJsonObject("operations");
    for (String name : ops.fieldNames()) {
      JsonObject o = ops.getJsonObject(name);
      JsonObject l = o.getJsonObject("latencyMs");
      b.append(String.format(Locale.ROOT, "%-9s %6d attempted %6d committed %8.1f/s  p50 %s  p95 %s  p99 %s  max %s ms  aborted %d%s  errors %d%s%n",
        name, o.getLong("attempted"), o.getLong("committed"), o.getDouble("committedPerSecond"), ms(l.getValue("p50")),
        ms(l.getValue("p95")), ms(l.getValue("p99")), ms(l.getValue("max")), o.getLong("aborted"), codes(o.getJsonObject("abortsByCode")),
        o.getLong("errors"), codes(o.getJsonObject("errorsByCode"))));
    }
    JsonObject audit = json.getJsonObject("audit");
    if (audit.containsKey("error")) {
      b.append("audit: not read (").append(audit.getString("error")).append(")\n");
    } else {
      b.append(String.format(Locale.ROOT, "audit: %s: minted %s, held %s, expired %s hundredths; in flight %s, in doubt %s, nodes %s%s%n",
        conserved() ? "conserved" : "NOT conserved", audit.getValue("mintedHundredths", 0), audit.getValue("heldHundredths", 0),
        audit.getValue("expiredHundredths", 0), audit.getValue("inFlight", 0), audit.getValue("inDoubt", 0),
        audit.getJsonArray("nodes", new JsonArray()).encode(),
        audit.getInteger("attempts", 1) > 1 ? " (read " + audit.getInteger("attempts") + " times, 1 s apart)" : ""));
      audit.getJsonArray("problems", new JsonArray()).forEach(p -> b.append("audit problem: ").append(p).append('\n'));
    }
    return b.toString();
  }

  private static String ms(Object v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", ((Number) v).doubleValue());
  }

  private static String codes(JsonObject byCode) {
    return byCode.isEmpty() ? "" : " " + byCode.encode();
  }

  /** Two decimals; NaN (no sample) becomes null in the JSON. */
  static Double round(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 100) / 100.0;
  }
}
