package org.juicetokens.node;

import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.token.creation.Balances;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.token.transaction.proto.TxTransition;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** The human lines of {@code transfer} and {@code audit} (times in UTC). Pure. */
final class TransferLines {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private TransferLines() {
  }

  static String time(long atMs) {
    return TIME.format(Instant.ofEpochMilli(atMs));
  }

  /** One state transition: {@code 23:27:07.123Z  PAYER  PREPARED    @a  note}. */
  static String event(TransferEvent e) {
    String note = e.getNote().isEmpty() ? "" : "  " + e.getNote();
    String code = e.getErrorCode().isEmpty() ? "" : "  [" + e.getErrorCode() + "]";
    return String.format("%s  %-5s  %-10s  @%s%s%s", time(e.getAtMs()), e.getRole().name(), e.getState().name(), e.getNodeId(), code, note);
  }

  /** The last line for the payer's final event: committed, or the state with the error code and message. */
  static String outcome(TransferEvent e) {
    if (e.getState() == TxState.COMMITTED) {
      return "committed: " + Balances.format(e.getAmountHundredths()) + " from " + e.getFromId() + " to " + e.getToId() + " (tx " + e.getTxId() + ")";
    }
    return e.getState().name().toLowerCase() + ": " + (e.getErrorCode().isEmpty() ? "UNKNOWN" : e.getErrorCode())
      + (e.getNote().isEmpty() ? "" : ": " + e.getNote()) + " (tx " + e.getTxId() + ")";
  }

  static String transfer(Transfer t) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("tx %s: %s (%s side), %s from %s to %s%n", t.getTxId(), t.getState().name(), t.getRole().name(),
      Balances.format(t.getAmountHundredths()), t.getFromId(), t.getToId()));
    b.append(String.format("  payer node %s, payee node %s%s%n", t.getPayerNode(), t.getPayeeNode(), t.getFinalized() ? ", finalized" : ""));
    if (!t.getErrorCode().isEmpty()) {
      b.append("  ").append(t.getErrorCode()).append(": ").append(t.getErrorMessage()).append('\n');
    }
    b.append("  sent ").append(t.getSentTokenIdsList().isEmpty() ? "none" : String.join(", ", t.getSentTokenIdsList()))
      .append("; change ").append(t.getChangeTokenIdsList().isEmpty() ? "none" : String.join(", ", t.getChangeTokenIdsList()))
      .append("; wissel ").append(t.getHundredthsToPayee()).append(" hundredth(s) to the payee\n");
    for (TxTransition step : t.getTimelineList()) {
      b.append(String.format("  %s  %-10s %s%n", time(step.getAtMs()), step.getState().name(), step.getNote()));
    }
    return b.toString().stripTrailing();
  }

  static String audit(AuditReport r) {
    String head = (r.getConserved() ? "conserved" : "NOT CONSERVED") + String.format(
      ": minted %s, held %s, expired %s (%d token(s) on %s)", Balances.format(r.getMintedHundredths()), Balances.format(r.getHeldHundredths()),
      Balances.format(r.getExpiredHundredths()), r.getTokenCount(), String.join(", ", r.getNodesList()));
    String figures = String.format("  locked %d, in doubt %d, in flight %d, duplicate ids %d", r.getLockedTokens(), r.getInDoubt(),
      r.getInFlight(), r.getDuplicateOwners());
    String problems = r.getProblemsList().stream().map(p -> "\n  problem: " + p).collect(Collectors.joining());
    return head + "\n" + figures + problems;
  }
}
