package org.juicetokens.token.transaction;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.transaction.proto.SystemAttestation;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How an engine write becomes one ledger step: WAL record, open marker, attestation, wissel lock and release. */
class TxWritesTest {
  private static final TxPlan PLAN = TxPlan.newBuilder().setPayerId("payer").setPayeeId("payee").setAmountHundredths(1230)
    .setHundredthsToPayee(30).build();

  private static TxEffect.Persist persist(TxRole role, TxState state, boolean finalized, TokenBatch batch) {
    TxRecord record = TxRecord.newBuilder().setTxId("t1").setRole(role).setState(state).setPlan(PLAN).setFinalized(finalized).setVersion(1).build();
    return new TxEffect.Persist(new ExchangeId("t1", role), record, batch, true);
  }

  private static StoreWrite write(TokenApply apply, String key) {
    return apply.getWritesList().stream().filter(w -> w.getKey().toStringUtf8().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void the_payers_prepared_write_locks_its_tokens_and_its_wissel_and_keeps_the_side_open() {
    TokenApply apply = TxWrites.apply(persist(TxRole.PAYER, TxState.PREPARED, false, TokenBatch.lock(List.of("a", "b"))), "n1");

    assertThat(apply.getOwnerId()).isEqualTo("payer");
    assertThat(apply.getLockIdsList()).containsExactly("a", "b");
    assertThat(apply.getLockWissel()).isTrue();
    assertThat(apply.getExpectedWisselDelta()).isEqualTo(-30);
    assertThat(apply.getRelease()).isFalse();
    assertThat(apply.getSync()).isTrue();
    assertThat(write(apply, "tx/t1/PAYER").getFamily()).isEqualTo(StoreFamily.WAL.dbName());
    assertThat(write(apply, "open/t1/PAYER").getDelete()).isFalse();
  }

  @Test
  void the_payees_commit_releases_closes_the_side_and_attests_the_exchange_in_the_same_batch() throws Exception {
    TokenApply apply = TxWrites.apply(persist(TxRole.PAYEE, TxState.COMMITTED, false, new TokenBatch(List.of(), List.of("c"), List.of(), 30)), "n2");

    assertThat(apply.getOwnerId()).isEqualTo("payee");
    assertThat(apply.getRelease()).isTrue();
    assertThat(apply.getLockWissel()).isFalse();
    assertThat(apply.getWisselDeltaHundredths()).isEqualTo(30);
    assertThat(write(apply, "open/t1/PAYEE").getDelete()).isTrue();
    StoreWrite attestation = write(apply, "sys/payee/t1");
    assertThat(attestation.getFamily()).isEqualTo(StoreFamily.ATTESTATIONS.dbName());
    SystemAttestation a = SystemAttestation.parseFrom(attestation.getValue());
    assertThat(a.getPayerId()).isEqualTo("payer");
    assertThat(a.getAmountHundredths()).isEqualTo(1230);
    assertThat(a.getNodeId()).isEqualTo("n2");
    // the outbox marker of its publication (trust.attestation.SystemPublisher), in the same batch
    assertThat(write(apply, "syspub/payee/t1").getFamily()).isEqualTo(StoreFamily.ATTESTATIONS.dbName());
  }

  @Test
  void a_payer_side_stays_open_until_the_commit_is_finalized() {
    TokenApply committed = TxWrites.apply(persist(TxRole.PAYER, TxState.COMMITTED, false, TokenBatch.NONE), "n1");
    TokenApply finalized = TxWrites.apply(persist(TxRole.PAYER, TxState.COMMITTED, true, TokenBatch.NONE), "n1");

    assertThat(write(committed, "open/t1/PAYER").getDelete()).isFalse();
    assertThat(committed.getRelease()).isTrue();
    assertThat(write(finalized, "open/t1/PAYER").getDelete()).isTrue();
    assertThat(finalized.getRelease()).isFalse();
  }

  @Test
  void a_presumed_abort_without_an_identity_writes_its_record_alone() {
    TxRecord record = TxRecord.newBuilder().setTxId("t9").setRole(TxRole.PAYER).setState(TxState.ABORTED).build();
    var batch = TxWrites.walOnly(new TxEffect.Persist(new ExchangeId("t9", TxRole.PAYER), record, TokenBatch.NONE, true), "n1");

    assertThat(TxWrites.identityOf(record)).isEmpty();
    assertThat(batch.getWritesList()).extracting(w -> w.getKey().toStringUtf8()).containsExactly("tx/t9/PAYER", "open/t9/PAYER");
    assertThat(batch.getSync()).isTrue();
  }

  @Test
  void health_reports_the_oldest_in_doubt_side_and_stats_count_outcomes() {
    TxMetrics metrics = new TxMetrics(new SimpleMeterRegistry());
    Map<TxState, Long> live = new EnumMap<>(TxState.class);
    live.put(TxState.IN_DOUBT, 1L);
    live.put(TxState.PREPARED, 2L);
    metrics.live(live, 1_000);
    metrics.outcome(TxRole.PAYER, TxState.COMMITTED, null, 5_000_000);
    metrics.outcome(TxRole.PAYER, TxState.ABORTED, ErrorCode.TIMEOUT, 7_000_000);

    assertThat(metrics.health(61_001).getLong("oldestInDoubtMs")).isEqualTo(60_001);
    assertThat(metrics.health(61_001).getLong("inDoubt")).isEqualTo(1);
    assertThat(metrics.health(61_001).getLong("active")).isEqualTo(3);
    var stats = metrics.stats(61_001);
    assertThat(stats.getCommittedTotal()).isEqualTo(1);
    assertThat(stats.getAbortedTotal()).isEqualTo(1);
    assertThat(stats.getP99Ms()).isEqualTo(7.0);
    assertThat(IgnoredReasons.classOf("TOO_OLD: sent 60000 ms ago")).isEqualTo("stale");
    assertThat(IgnoredReasons.classOf("no exchange for ACCEPT")).isEqualTo("unknown");
  }
}
