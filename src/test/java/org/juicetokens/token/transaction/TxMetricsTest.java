package org.juicetokens.token.transaction;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.juicetokens.api.v1.CauseCount;
import org.juicetokens.api.v1.StateTime;
import org.juicetokens.api.v1.TransactionStats;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class TxMetricsTest {
  @Test
  void abort_causes_are_counted_by_code_and_commits_are_not_causes() {
    TxMetrics metrics = new TxMetrics(new SimpleMeterRegistry());
    metrics.outcome(TxRole.PAYER, TxState.ABORTED, ErrorCode.TIMEOUT, 1_000_000);
    metrics.outcome(TxRole.PAYER, TxState.ABORTED, ErrorCode.TIMEOUT, 1_000_000);
    metrics.outcome(TxRole.PAYEE, TxState.ABORTED, ErrorCode.INSUFFICIENT_CHANGE, 1_000_000);
    metrics.outcome(TxRole.PAYER, TxState.COMMITTED, null, 1_000_000);

    TransactionStats stats = metrics.stats(0);

    assertThat(stats.getAbortCausesList()).extracting(CauseCount::getCode, CauseCount::getCount)
      .containsExactly(tuple("INSUFFICIENT_CHANGE", 1L), tuple("TIMEOUT", 2L));
    assertThat(stats.getAbortedTotal()).isEqualTo(3);
    assertThat(stats.getCommittedTotal()).isEqualTo(1);
  }

  @Test
  void time_in_state_is_the_mean_time_sides_spent_in_a_state_before_leaving_it() {
    TxMetrics metrics = new TxMetrics(new SimpleMeterRegistry());
    metrics.event(event("a", TxState.INITIATED, 1_000, false));
    metrics.event(event("a", TxState.PREPARED, 1_010, false));
    metrics.event(event("a", TxState.COMMITTED, 1_040, true));
    metrics.event(event("b", TxState.INITIATED, 2_000, false));
    metrics.event(event("b", TxState.PREPARED, 2_030, false));

    TransactionStats stats = metrics.stats(0);

    assertThat(stats.getTimeInStateList()).extracting(StateTime::getState, StateTime::getMeanMs, StateTime::getCount)
      .containsExactly(tuple(TxState.INITIATED, 20.0, 2L),
        tuple(TxState.PREPARED, 30.0, 1L));
  }

  private static TransferEvent event(String tx, TxState state, long atMs, boolean last) {
    return TransferEvent.newBuilder().setTxId(tx).setRole(TxRole.PAYER).setState(state).setAtMs(atMs).setFinal(last).build();
  }
}
