package org.juicetokens.node;

import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.token.transaction.proto.TxTransition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransferLinesTest {
  private static final long AT = 1_800_000_000_123L; // 2027-01-15T08:00:00.123Z

  private static TransferEvent.Builder event(TxRole role, TxState state) {
    return TransferEvent.newBuilder().setTxId("tx-1").setRole(role).setState(state).setAtMs(AT).setNodeId("a")
      .setFromId("alice").setToId("bob").setAmountHundredths(1234);
  }

  @Test
  void a_transition_prints_time_side_state_node_and_note() {
    assertThat(TransferLines.event(event(TxRole.PAYER, TxState.PREPARED).setNote("locked 2 token(s)").build()))
      .isEqualTo("08:00:00.123Z  PAYER  PREPARED    @a  locked 2 token(s)");
    assertThat(TransferLines.event(event(TxRole.PAYEE, TxState.ABORTED).setErrorCode("TIMEOUT").build()))
      .isEqualTo("08:00:00.123Z  PAYEE  ABORTED     @a  [TIMEOUT]");
  }

  @Test
  void the_outcome_is_committed_or_the_error_code_and_message() {
    assertThat(TransferLines.outcome(event(TxRole.PAYER, TxState.COMMITTED).setFinal(true).build()))
      .isEqualTo("committed: 12.34 from alice to bob (tx tx-1)");
    assertThat(TransferLines.outcome(event(TxRole.PAYER, TxState.ABORTED).setErrorCode("INSUFFICIENT_FUNDS")
      .setNote("alice holds 3.00").setFinal(true).build()))
      .isEqualTo("aborted: INSUFFICIENT_FUNDS: alice holds 3.00 (tx tx-1)");
    assertThat(TransferLines.outcome(event(TxRole.PAYER, TxState.FAILED).build())).isEqualTo("failed: UNKNOWN (tx tx-1)");
  }

  @Test
  void a_transfer_shows_its_parties_tokens_and_timeline() {
    Transfer t = Transfer.newBuilder().setTxId("tx-1").setState(TxState.COMMITTED).setRole(TxRole.PAYER).setFromId("alice")
      .setToId("bob").setAmountHundredths(1234).setPayerNode("a").setPayeeNode("b").setFinalized(true)
      .addSentTokenIds("47c609bc-x-10-001").addSentTokenIds("47c609bc-x-5-001").addChangeTokenIds("47c609bc-x-2-001")
      .setHundredthsToPayee(-66)
      .addTimeline(TxTransition.newBuilder().setState(TxState.INITIATED).setAtMs(AT).setNote("planned"))
      .addTimeline(TxTransition.newBuilder().setState(TxState.COMMITTED).setAtMs(AT + 40).setNote("certificate")).build();

    assertThat(TransferLines.transfer(t)).isEqualTo("""
      tx tx-1: COMMITTED (PAYER side), 12.34 from alice to bob
        payer node a, payee node b, finalized
        sent 47c609bc-x-10-001, 47c609bc-x-5-001; change 47c609bc-x-2-001; wissel -66 hundredth(s) to the payee
        08:00:00.123Z  INITIATED  planned
        08:00:00.163Z  COMMITTED  certificate""");
  }

  @Test
  void the_audit_prints_the_verdict_the_figures_and_every_problem() {
    AuditReport r = AuditReport.newBuilder().setMintedHundredths(4300).setHeldHundredths(2300).setTokenCount(4)
      .addNodes("a").addNodes("b").setInDoubt(1).addProblems("shortfall of 20.00: held + expired = 23.00, minted = 43.00").build();

    assertThat(TransferLines.audit(r)).isEqualTo("""
      NOT CONSERVED: minted 43.00, held 23.00, expired 0.00 (4 token(s) on a, b)
        locked 0, in doubt 1, in flight 0, duplicate ids 0
        problem: shortfall of 20.00: held + expired = 23.00, minted = 43.00""");
  }

  @Test
  void a_failed_streams_message_is_read_from_its_percent_encoded_trailer() {
    io.vertx.core.MultiMap trailers = io.vertx.core.MultiMap.caseInsensitiveMultiMap()
      .add("grpc-message", "INSUFFICIENT_FUNDS%3A%20needs%201+1%20more");
    assertThat(ApiClient.statusMessage(null, trailers)).isEqualTo("INSUFFICIENT_FUNDS: needs 1+1 more");
    assertThat(ApiClient.statusMessage("as given", trailers)).isEqualTo("as given");
    assertThat(ApiClient.statusMessage(null, null)).isNull();
  }
}
