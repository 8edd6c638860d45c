package org.juicetokens.token.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.AuditReport;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code juice_audit_runs_total{outcome}}: conserved, not_conserved (the report found a problem) or
 * failed (no report); and the last report, for the "audit" health procedure.
 */
final class AuditMeters {
  static final String RUNS = "juice.audit.runs";

  private final MeterRegistry registry;
  private final AtomicReference<AuditReport> last = new AtomicReference<>();
  private final AtomicLong failures = new AtomicLong();

  AuditMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void report(AuditReport report) {
    last.set(report);
    count(report.getConserved() ? "conserved" : "not_conserved");
  }

  void failed() {
    failures.incrementAndGet();
    count("failed");
  }

  /**
   * The health data: the last report's verdict, time and problem count (an audit is a finding,
   * not the node's fitness: the procedure stays UP, a not-conserved cluster shows in its data).
   */
  JsonObject health() {
    AuditReport report = last.get();
    JsonObject json = new JsonObject().put("failedRuns", failures.get());
    if (report == null) {
      return json.put("lastRun", "none since start");
    }
    return json.put("lastAtMs", report.getAtMs()).put("conserved", report.getConserved())
      .put("problems", report.getProblemsCount()).put("nodes", report.getNodesCount());
  }

  private void count(String outcome) {
    Counter.builder(RUNS).description("Conservation audits answered by this node, by outcome").tag("outcome", outcome)
      .register(registry).increment();
  }
}
