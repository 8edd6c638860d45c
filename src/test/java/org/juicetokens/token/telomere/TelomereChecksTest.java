package org.juicetokens.token.telomere;

import com.google.protobuf.ByteString;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.TelomereLinkSigned;
import org.juicetokens.token.proto.TelomereStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.token.telomere.TelomereFixture.TAIL;
import static org.juicetokens.token.telomere.TelomereFixture.TOKEN_ID;

class TelomereChecksTest {
  private final TelomereFixture f = TelomereFixture.small();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final OperationStats operations = new OperationStats();
  private final TelomereChecks checks = new TelomereChecks(new Instrumented(registry, operations, "n1"), registry);

  private Telomere transfer(Telomere t) {
    TelomereLinkSigned signed = Telomeres.linkToSign(TOKEN_ID, t, f.ownerAfter(t.getTransfers() + 1).publicKey(),
      "tx-" + (t.getTransfers() + 1), 1);
    return checks.append(t, signed, f.ownerAfter(t.getTransfers()).publicKey(),
      f.ownerAfter(t.getTransfers()).sign(signed.toByteArray()), TAIL);
  }

  @Test
  void appends_and_verifications_are_counted_timed_and_return_what_the_pure_functions_return() {
    Telomere t = transfer(transfer(f.genesisTelomere));
    TelomereVerification v = checks.verify(TOKEN_ID, f.genesis, t, VerifyOptions.of(TAIL));

    assertThat(v.valid()).isTrue();
    assertThat(t.getTransfers()).isEqualTo(2);
    assertThat(t.getOwnerKey().toByteArray()).isEqualTo(f.ownerAfter(2).publicKey());
    TelomereStats stats = checks.stats(TAIL);
    assertThat(stats.getTransform().getOk()).isEqualTo(2);
    assertThat(stats.getTransform().getSuccessRate()).isEqualTo(1.0);
    assertThat(stats.getVerify().getOk()).isEqualTo(1);
    assertThat(stats.getVerify().getMaxMs()).isPositive();
    assertThat(stats.getFailuresByReasonList()).isEmpty();
    assertThat(stats.getRecentList()).isEmpty();
    assertThat(stats.getMaxEncodedBytes()).isEqualTo(Telomeres.maxEncodedSize(TAIL));
    assertThat(operations.layerTotals(Layer.TELOMERE).getLong("ok")).isEqualTo(3);
    assertThat(registry.scrape()).contains(
      "juice_telomere_transformations_total{outcome=\"ok\"} 2.0",
      "juice_telomere_verifications_total{outcome=\"valid\",reason=\"NONE\"} 1.0",
      "juice_telomere_verifications_total{outcome=\"invalid\",reason=\"REPLAY\"} 0.0",
      "juice_operation_seconds_count{layer=\"telomere\",operation=\"transform\",outcome=\"ok\"} 2");
  }

  @Test
  void failed_verifications_are_counted_by_reason_and_kept_newest_first() {
    Telomere t = f.after(3, TAIL);
    checks.verify(TOKEN_ID, f.genesis, t.toBuilder().setHead(ByteString.copyFrom(new byte[32])).build(), VerifyOptions.of(TAIL));
    checks.verify(TOKEN_ID, f.genesis, t, VerifyOptions.of(TAIL).withIndex(5, null));
    checks.verify(TOKEN_ID, f.genesis, t, VerifyOptions.of(TAIL).withIndex(7, null));

    TelomereStats stats = checks.stats(TAIL);
    assertThat(stats.getVerify().getFailed()).isEqualTo(3);
    assertThat(stats.getVerify().getSuccessRate()).isZero();
    assertThat(stats.getFailuresByReasonList()).extracting(r -> r.getReason() + "=" + r.getCount())
      .containsExactly("HEAD_MISMATCH=1", "REPLAY=2");
    assertThat(stats.getRecentList()).extracting(r -> r.getReason()).containsExactly("REPLAY", "REPLAY", "HEAD_MISMATCH");
    assertThat(stats.getRecent(0).getOperation()).isEqualTo("verify");
    assertThat(stats.getRecent(0).getTokenPrefix()).isEqualTo(TOKEN_ID);
    assertThat(stats.getRecent(0).getDetail()).contains("indexed transfer 7");
    assertThat(registry.scrape()).contains("juice_telomere_verifications_total{outcome=\"invalid\",reason=\"REPLAY\"} 2.0",
      "juice_operation_errors_total{error=\"CONFLICT\",layer=\"telomere\",operation=\"verify\"} 2.0",
      "juice_operation_errors_total{error=\"INVALID_ARGUMENT\",layer=\"telomere\",operation=\"verify\"} 1.0");
  }

  @Test
  void a_refused_append_is_counted_kept_and_rethrown() {
    Telomere t = f.genesisTelomere;
    TelomereLinkSigned signed = Telomeres.linkToSign(TOKEN_ID, t, f.owners.get(1).publicKey(), "tx-1", 1);
    byte[] wrongSignature = f.owners.get(2).sign(signed.toByteArray());

    assertThatThrownBy(() -> checks.append(t, signed, f.owners.get(0).publicKey(), wrongSignature, TAIL))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    TelomereStats stats = checks.stats(TAIL);
    assertThat(stats.getTransform().getFailed()).isEqualTo(1);
    assertThat(stats.getRecent(0).getOperation()).isEqualTo("transform");
    assertThat(stats.getRecent(0).getReason()).isEqualTo("BAD_LINK_SIGNATURE");
    assertThat(registry.scrape()).contains("juice_telomere_transformations_total{outcome=\"error\"} 1.0");
  }

  @Test
  void only_the_latest_failures_are_kept_and_long_token_ids_are_cut() {
    String longId = TOKEN_ID + "-and-much-more-than-sixteen";
    for (int i = 0; i < TelomereChecks.RECENT + 5; i++) {
      checks.verify(longId, f.genesis, f.genesisTelomere, VerifyOptions.of(TAIL));
    }
    TelomereStats stats = checks.stats(TAIL);
    assertThat(stats.getRecentCount()).isEqualTo(TelomereChecks.RECENT);
    assertThat(stats.getRecent(0).getReason()).isEqualTo("GENESIS_MISMATCH");
    assertThat(stats.getRecent(0).getTokenPrefix()).hasSize(TelomereChecks.TOKEN_PREFIX + 1).endsWith("…");
    assertThat(stats.getFailuresByReason(0).getCount()).isEqualTo(TelomereChecks.RECENT + 5);
  }

  @Test
  void a_failed_verification_becomes_an_exception_with_its_reasons_code() {
    TelomereVerification replay = TelomereVerification.fail(FailureReason.REPLAY, "older");
    TelomereVerification wrongSigner = TelomereVerification.fail(FailureReason.WRONG_SIGNER, 3, "not the owner");
    assertThat(replay.toException(TOKEN_ID).code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(wrongSigner.toException(TOKEN_ID).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(wrongSigner.toException(TOKEN_ID).details()).containsEntry("reason", "WRONG_SIGNER").containsEntry("failedLink", "3");
    assertThat(TelomereVerification.fail(FailureReason.HEAD_MISMATCH, "x").toException(TOKEN_ID).code())
      .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
