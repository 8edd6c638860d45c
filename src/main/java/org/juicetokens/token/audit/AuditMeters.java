package org.juicetokens.token.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.juicetokens.api.v1.AuditReport;

/** {@code juice_audit_runs_total{outcome}}: conserved, not_conserved (the report found a problem) or failed (no report). */
final class AuditMeters {
  static final String RUNS = "juice.audit.runs";

  private final MeterRegistry registry;

  AuditMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void report(AuditReport report) {
    count(report.getConserved() ? "conserved" : "not_conserved");
  }

  void failed() {
    count("failed");
  }

  private void count(String outcome) {
    Counter.builder(RUNS).description("Conservation audits answered by this node, by outcome").tag("outcome", outcome)
      .register(registry).increment();
  }
}
