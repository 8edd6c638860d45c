package org.juicetokens.api.grpc;

import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

/** What a transfer watcher needs to know of events and answers. Pure. */
public final class TransferOutcome {
  private TransferOutcome() {
  }

  /** The event that ends a watch: the payer's side reached COMMITTED, ABORTED or FAILED. */
  public static boolean endsWatch(TransferEvent event) {
    return event.getRole() == TxRole.PAYER && (event.getFinal() || final_(event.getState()));
  }

  static boolean final_(TxState state) {
    return state == TxState.COMMITTED || state == TxState.ABORTED || state == TxState.FAILED;
  }

  /**
   * The payer's final event as TX_TRANSFER's answer tells it, for a watcher that got the answer
   * before the event itself (both travel separately).
   */
  public static TransferEvent finalEventOf(Transfer transfer, long nowMs) {
    String note = transfer.getErrorMessage().isEmpty() ? "outcome" : transfer.getErrorMessage();
    return TransferEvent.newBuilder()
      .setTxId(transfer.getTxId())
      .setRole(transfer.getRole() == TxRole.TX_ROLE_UNSPECIFIED ? TxRole.PAYER : transfer.getRole())
      .setState(transfer.getState())
      .setAtMs(transfer.getDecidedAtMs() > 0 ? transfer.getDecidedAtMs() : nowMs)
      .setNote(note)
      .setNodeId(transfer.getPayerNode())
      .setFromId(transfer.getFromId())
      .setToId(transfer.getToId())
      .setAmountHundredths(transfer.getAmountHundredths())
      .setErrorCode(transfer.getErrorCode())
      .setFinal(final_(transfer.getState()))
      .build();
  }
}
