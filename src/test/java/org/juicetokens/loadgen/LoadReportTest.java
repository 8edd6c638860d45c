package org.juicetokens.loadgen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoadReportTest {
  @Test
  void percentiles_of_the_committed_attempts_are_within_hdr_precision() {
    OpStats stats = new OpStats();
    for (int ms = 1; ms <= 100; ms++) {
      stats.started();
      stats.committed(ms * 1_000_000L);
    }
    assertThat(stats.latencyMs(50)).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.1));
    assertThat(stats.latencyMs(99)).isCloseTo(99.0, org.assertj.core.data.Offset.offset(0.1));
    assertThat(stats.maxMs()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.1));
    assertThat(stats.meanMs()).isCloseTo(50.5, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void no_sample_gives_null_latencies_not_zero() {
    JsonObject json = new OpStats().toJson(1).getJsonObject("latencyMs");
    assertThat(json.getValue("p50")).isNull();
    assertThat(json.getValue("max")).isNull();
  }

  @Test
  void counts_add_up_and_rates_are_by_code() {
    LoadStats stats = new LoadStats(List.of(OpKind.TRANSFER, OpKind.MINT));
    OpStats transfer = stats.of(OpKind.TRANSFER);
    for (int i = 0; i < 10; i++) {
      transfer.started();
    }
    for (int i = 0; i < 7; i++) {
      transfer.committed(2_000_000);
    }
    transfer.aborted("INSUFFICIENT_FUNDS");
    transfer.aborted("CONFLICT");
    transfer.error("TIMEOUT");
    stats.of(OpKind.MINT).started();
    assertThat(stats.of(OpKind.MINT).inFlight()).isEqualTo(1);
    stats.of(OpKind.MINT).committed(500_000);

    JsonObject audit = new JsonObject().put("conserved", true).put("mintedHundredths", "1500").put("heldHundredths", "1500")
      .put("nodes", new JsonArray().add("a"));
    LoadReport report = LoadReport.of(new JsonObject().put("concurrency", 2), 2.0, stats, audit);
    JsonObject json = report.toJson();
    JsonObject totals = json.getJsonObject("totals");
    assertThat(totals.getLong("attempted")).isEqualTo(11).isEqualTo(totals.getLong("committed") + totals.getLong("aborted")
      + totals.getLong("errors"));
    assertThat(totals.getDouble("committedPerSecond")).isEqualTo(4.0);
    JsonObject t = json.getJsonObject("operations").getJsonObject("transfer");
    assertThat(t.getJsonObject("abortsByCode").getMap()).containsEntry("INSUFFICIENT_FUNDS", 1L).containsEntry("CONFLICT", 1L);
    assertThat(t.getJsonObject("errorsByCode").getMap()).containsEntry("TIMEOUT", 1L);
    assertThat(t.getDouble("abortRate")).isEqualTo(0.2);
    assertThat(t.getDouble("errorRate")).isEqualTo(0.1);
    assertThat(t.getJsonObject("latencyMs").getDouble("p99")).isEqualTo(2.0);
    assertThat(report.conserved()).isTrue();
    assertThat(report.toText()).contains("11 attempted in 2.0 s: 8 committed (4.0/s), 2 aborted, 1 errors")
      .contains("transfer").contains("{\"CONFLICT\":1,\"INSUFFICIENT_FUNDS\":1}").contains("audit: conserved: minted 1500");
  }

  @Test
  void an_audit_that_needed_several_reads_says_so() {
    JsonObject audit = new JsonObject().put("conserved", true).put("mintedHundredths", "10").put("heldHundredths", "10").put("attempts", 3);
    assertThat(LoadReport.of(new JsonObject(), 1, new LoadStats(List.of(OpKind.MINT)), audit).toText())
      .contains("audit: conserved: minted 10").contains("(read 3 times, 1 s apart)");
    audit.put("attempts", 1);
    assertThat(LoadReport.of(new JsonObject(), 1, new LoadStats(List.of(OpKind.MINT)), audit).toText()).doesNotContain("read 1 times");
  }

  @Test
  void an_unreadable_audit_is_reported_and_not_conserved() {
    LoadReport report = LoadReport.of(new JsonObject(), 1, new LoadStats(List.of(OpKind.MINT)), new JsonObject().put("error", "down"));
    assertThat(report.conserved()).isFalse();
    assertThat(report.toText()).contains("audit: not read (down)");
  }

  @Test
  void reset_forgets_the_warmup() {
    OpStats stats = new OpStats();
    stats.started();
    stats.committed(1_000);
    stats.error("TIMEOUT");
    stats.reset();
    assertThat(stats.attempted()).isZero();
    assertThat(stats.errors()).isZero();
    assertThat(stats.latencyMs(50)).isNaN();
  }
}
