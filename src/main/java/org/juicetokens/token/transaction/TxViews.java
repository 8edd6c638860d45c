package org.juicetokens.token.transaction;

import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.token.transaction.proto.TxTransition;

/** The API's views of an exchange side (api.v1 Transfer, TransferEvent) from its TxRecord. Pure. */
final class TxViews {
  private TxViews() {
  }

  static Transfer transfer(TxRecord r, ErrorCode code) {
    Transfer.Builder t = Transfer.newBuilder()
      .setTxId(r.getTxId()).setState(r.getState()).setRole(r.getRole())
      .setFromId(r.getPlan().getPayerId()).setToId(r.getPlan().getPayeeId())
      .setAmountHundredths(r.getPlan().getAmountHundredths())
      .setPayerNode(r.getPlan().getPayerNode()).setPayeeNode(r.getPlan().getPayeeNode())
      .setHundredthsToPayee(r.getPlan().getHundredthsToPayee())
      .addAllTimeline(r.getTimelineList())
      .setDeadlineMs(r.getDeadlineMs()).setFinalized(r.getFinalized());
    if (r.getPlan().getTokensCount() > 0) {
      r.getPlan().getTokensList().stream().map(Token::getId).forEach(t::addSentTokenIds);
    } else {
      r.getSExo().getTokensList().stream().map(Token::getId).forEach(t::addSentTokenIds);
    }
    r.getRExo().getTokensList().stream().map(Token::getId).forEach(t::addChangeTokenIds);
    if (r.getTimelineCount() > 0) {
      t.setStartedAtMs(r.getTimeline(0).getAtMs());
    }
    for (TxTransition step : r.getTimelineList()) {
      if (isDecision(step.getState())) {
        t.setDecidedAtMs(step.getAtMs());
        break;
      }
    }
    if (r.getState() != TxState.COMMITTED) {
      if (code != null) {
        t.setErrorCode(code.name());
      }
      t.setErrorMessage(r.getLastError());
    }
    return t.build();
  }

  static TransferEvent event(ExchangeId id, TxPlan plan, TxState state, String nodeId, long atMs, String note, ErrorCode code) {
    TransferEvent.Builder e = TransferEvent.newBuilder()
      .setTxId(id.txId()).setRole(id.role()).setState(state).setAtMs(atMs).setNote(note == null ? "" : note).setNodeId(nodeId)
      .setFromId(plan.getPayerId()).setToId(plan.getPayeeId()).setAmountHundredths(plan.getAmountHundredths())
      .setFinal(isDecision(state));
    if (code != null && (state == TxState.ABORTED || state == TxState.FAILED)) {
      e.setErrorCode(code.name());
    }
    return e.build();
  }

  static boolean isDecision(TxState state) {
    return state == TxState.COMMITTED || state == TxState.ABORTED || state == TxState.FAILED;
  }
}
