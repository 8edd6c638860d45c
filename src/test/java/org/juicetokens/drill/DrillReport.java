package org.juicetokens.drill;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A drill's short report: transfers attempted / committed / aborted (answered with another outcome)
 * / unanswered, the outcomes by code, committed latency p50/p99/max, the fault timeline, and the
 * final cluster-wide audit. Printed and written to {@code target/drills/<scenario>.json}.
 */
final class DrillReport {
  private final String scenario;
  private final String description;
  private final JsonObject parameters = new JsonObject();
  private final JsonArray timeline = new JsonArray();
  private final long origin = System.nanoTime();
  private final List<String> phaseNames = new java.util.ArrayList<>();
  private final List<Long> phaseStarts = new java.util.ArrayList<>();

  DrillReport(String scenario, String description) {
    this.scenario = scenario;
    this.description = description;
  }

  DrillReport parameter(String name, Object value) {
    parameters.put(name, value);
    return this;
  }

  /** A fault applied or lifted, or a step of the drill, with its time since the drill began. */
  void step(String what) {
    long ms = (System.nanoTime() - origin) / 1_000_000;
    timeline.add(String.format("%6.1f s  %s", ms / 1000.0, what));
    System.out.printf("[drill %s] %6.1f s  %s%n", scenario, ms / 1000.0, what);
  }

  /**
   * From {@code loadMs} (the load's clock, {@link DrillLoad#elapsedMs()}) on, attempts belong to phase
   * {@code name} (e.g. "fault", "restored"); the report gives each phase its own figures.
   */
  void phase(String name, long loadMs) {
    phaseNames.add(name);
    phaseStarts.add(loadMs);
    step("phase '" + name + "' from load time " + loadMs + " ms");
  }

  private JsonObject phases(List<DrillLoad.Attempt> attempts) {
    JsonObject out = new JsonObject();
    for (int k = 0; k < phaseNames.size(); k++) {
      long from = phaseStarts.get(k);
      long to = k + 1 < phaseStarts.size() ? phaseStarts.get(k + 1) : Long.MAX_VALUE;
      out.put(phaseNames.get(k), figures(attempts.stream().filter(a -> a.startMs() >= from && a.startMs() < to).toList())
        .put("fromLoadMs", from));
    }
    return out;
  }

  static JsonObject figures(List<DrillLoad.Attempt> attempts) {
    long committed = attempts.stream().filter(DrillLoad.Attempt::committed).count();
    long unanswered = attempts.stream().filter(DrillLoad.Attempt::unanswered).count();
    long[] latencies = attempts.stream().filter(DrillLoad.Attempt::committed).mapToLong(DrillLoad.Attempt::latencyNanos).sorted().toArray();
    Map<String, Long> byOutcome = new TreeMap<>(attempts.stream().collect(Collectors.groupingBy(DrillLoad.Attempt::outcome, Collectors.counting())));
    return new JsonObject()
      .put("attempted", attempts.size())
      .put("committed", committed)
      .put("aborted", attempts.size() - committed - unanswered)
      .put("unanswered", unanswered)
      .put("outcomes", new JsonObject(new TreeMap<String, Object>(byOutcome)))
      .put("sampleMessages", samples(attempts))
      .put("p50Ms", ms(latencies, 0.50))
      .put("p99Ms", ms(latencies, 0.99))
      .put("maxMs", ms(latencies, 1.0));
  }

  /** Writes and prints the report; its JSON. */
  JsonObject finish(List<DrillLoad.Attempt> attempts, JsonObject audit, boolean auditClean, long balancesBefore, long balancesAfter)
    throws IOException {
    JsonObject report = new JsonObject()
      .put("scenario", scenario)
      .put("description", description)
      .put("parameters", parameters)
      .put("durationS", Math.round((System.nanoTime() - origin) / 1e8) / 10.0)
      .put("transfers", figures(attempts))
      .put("phases", phases(attempts))
      .put("balances", new JsonObject().put("before", balancesBefore).put("after", balancesAfter)
        .put("conserved", balancesBefore == balancesAfter))
      .put("audit", new JsonObject().put("clean", auditClean)
        .put("conserved", audit.getBoolean("conserved", false))
        .put("mintedHundredths", audit.getValue("mintedHundredths"))
        .put("heldHundredths", audit.getValue("heldHundredths"))
        .put("lockedTokens", audit.getInteger("lockedTokens", 0))
        .put("inDoubt", audit.getInteger("inDoubt", 0))
        .put("inFlight", audit.getInteger("inFlight", 0))
        .put("duplicateOwners", audit.getInteger("duplicateOwners", 0))
        .put("nodes", audit.getJsonArray("nodes", new JsonArray()))
        .put("problems", audit.getJsonArray("problems", new JsonArray()))
        .put("error", audit.getString("error")))
      .put("timeline", timeline);
    Path dir = Path.of("target", "drills");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(scenario + ".json"), report.encodePrettily());
    JsonObject t = report.getJsonObject("transfers");
    StringBuilder phases = new StringBuilder();
    report.getJsonObject("phases").forEach(e -> {
      JsonObject f = (JsonObject) e.getValue();
      phases.append(String.format("  phase %-10s attempted %d, committed %d, aborted %d, unanswered %d, p50 %s ms, p99 %s ms; %s%n",
        e.getKey(), f.getLong("attempted"), f.getLong("committed"), f.getLong("aborted"), f.getLong("unanswered"), f.getValue("p50Ms"),
        f.getValue("p99Ms"), f.getJsonObject("outcomes").encode()));
    });
    System.out.printf("%n[drill %s] %s%n  transfers: attempted %d, committed %d, aborted %d, unanswered %d; outcomes %s%n"
        + "  committed latency: p50 %s ms, p99 %s ms, max %s ms%n%s  balances %s; audit %s %s%n  report: %s%n%n",
      scenario, description, t.getLong("attempted"), t.getLong("committed"), t.getLong("aborted"), t.getLong("unanswered"),
      t.getJsonObject("outcomes").encode(), t.getValue("p50Ms"), t.getValue("p99Ms"), t.getValue("maxMs"), phases,
      balancesBefore == balancesAfter ? "conserved" : "CHANGED " + balancesBefore + " -> " + balancesAfter,
      auditClean ? "CLEAN" : "NOT CLEAN", report.getJsonObject("audit").encode(), dir.resolve(scenario + ".json"));
    return report;
  }

  /** The first message of each outcome other than COMMITTED (which node refused, and why). */
  private static JsonObject samples(List<DrillLoad.Attempt> attempts) {
    Map<String, Object> first = new TreeMap<>();
    for (DrillLoad.Attempt a : attempts) {
      if (!a.committed()) {
        first.putIfAbsent(a.outcome(), a.message());
      }
    }
    return new JsonObject(first);
  }

  static Object ms(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return null;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return Math.round(sorted[Math.max(0, index)] / 1e5) / 10.0;
  }
}
