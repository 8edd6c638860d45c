package org.juicetokens.governance.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.juicetokens.api.v1.StateCount;
import org.juicetokens.api.v1.TransactionStats;
import org.juicetokens.api.v1.TransactionStatsRequest;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

/** The transaction shell's TX_STATS for the console test (the shell is another branch's), and events as it publishes them. */
final class TransactionDoubles {
  private TransactionDoubles() {
  }

  static void serve(Vertx vertx) {
    Bus.serveLocal(vertx.eventBus(), Addresses.TX_STATS, TransactionStatsRequest.class, r -> Future.succeededFuture(TransactionStats.newBuilder()
      .addByState(StateCount.newBuilder().setState(TxState.PREPARED).setCount(1))
      .addByState(StateCount.newBuilder().setState(TxState.IN_DOUBT).setCount(1))
      .addByState(StateCount.newBuilder().setState(TxState.COMMITTED).setCount(8))
      .addByState(StateCount.newBuilder().setState(TxState.ABORTED).setCount(2))
      .setInDoubt(1).setOldestInDoubtMs(4_000).setActive(2).setCommittedTotal(8).setAbortedTotal(2)
      .setP50Ms(12.5).setP99Ms(80).addRecent(event("tx-recent", TxRole.PAYER, TxState.COMMITTED, 1_800_000_000_000L, ""))
      .build()));
  }

  static TransferEvent event(String txId, TxRole role, TxState state, long atMs, String errorCode) {
    return TransferEvent.newBuilder().setTxId(txId).setRole(role).setState(state).setAtMs(atMs).setNodeId("edge")
      .setFromId("payer").setToId("payee").setAmountHundredths(1234).setNote(state.name().toLowerCase()).setErrorCode(errorCode)
      .setFinal(state == TxState.COMMITTED || state == TxState.ABORTED).build();
  }
}
