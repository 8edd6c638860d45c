package org.juicetokens.token.audit;

import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.token.proto.AuditPart;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditAggregationTest {
  private static final long NOW = 1_000_000L;

  private static Token token(String id, int denomination) {
    return Token.newBuilder().setId(id).setDenomination(denomination).setState(TokenState.ACTIVE).setExpiresAtMs(NOW + 1).build();
  }

  private static AuditTally tally(String node) {
    return new AuditTally(node, NOW);
  }

  @Test
  void tokens_held_across_members_that_match_the_index_are_conserved() {
    AuditPart a = tally("a").token(token("89c25-ref-20-001", 20)).indexKey("89c25-ref-20-001").indexKey("89c25-ref-5-001").build();
    AuditPart b = tally("b").token(token("89c25-ref-5-001", 5)).build();

    AuditReport report = AuditAggregation.aggregate(List.of("a", "b"), List.of(a, b), Map.of(), NOW);

    assertThat(report.getMintedHundredths()).isEqualTo(2500);
    assertThat(report.getHeldHundredths()).isEqualTo(2500);
    assertThat(report.getTokenCount()).isEqualTo(2);
    assertThat(report.getNodesList()).containsExactly("a", "b");
    assertThat(report.getProblemsList()).isEmpty();
    assertThat(report.getConserved()).isTrue();
  }

  @Test
  void a_wissel_counts_at_its_hundredths_and_two_wissels_balance_after_a_shift() {
    Token payerWissel = token("89c25-ref-1-001", 1).toBuilder().setWissel(true).setWisselHundredths(63).build();
    Token payeeWissel = token("89c25-ref-1-002", 1).toBuilder().setWissel(true).setWisselHundredths(137).build();
    AuditPart a = tally("a").token(payerWissel).indexKey("89c25-ref-1-001").indexKey("89c25-ref-1-002").build();
    AuditPart b = tally("b").token(payeeWissel).build();

    AuditReport report = AuditAggregation.aggregate(List.of("a", "b"), List.of(a, b), Map.of(), NOW);

    assertThat(report.getHeldHundredths()).isEqualTo(200);
    assertThat(report.getMintedHundredths()).isEqualTo(200);
    assertThat(report.getConserved()).isTrue();
  }

  @Test
  void expired_tokens_count_apart_and_still_balance_the_minted_sum() {
    Token old = token("89c25-ref-10-001", 10).toBuilder().setExpiresAtMs(NOW).build();
    Token marked = token("89c25-ref-10-002", 10).toBuilder().setState(TokenState.EXPIRED).build();
    AuditPart a = tally("a").token(old).token(marked).token(token("89c25-ref-10-003", 10))
      .indexKey("89c25-ref-10-001").indexKey("89c25-ref-10-002").indexKey("89c25-ref-10-003").build();

    AuditReport report = AuditAggregation.aggregate(List.of("a"), List.of(a), Map.of(), NOW);

    assertThat(report.getExpiredHundredths()).isEqualTo(2000);
    assertThat(report.getHeldHundredths()).isEqualTo(1000);
    assertThat(report.getConserved()).isTrue();
  }

  @Test
  void a_token_stored_on_two_members_is_a_duplicate_and_not_conserved() {
    AuditPart a = tally("a").token(token("89c25-ref-2-001", 2)).indexKey("89c25-ref-2-001").build();
    AuditPart b = tally("b").token(token("89c25-ref-2-001", 2)).build();

    AuditReport report = AuditAggregation.aggregate(List.of("a", "b"), List.of(a, b), Map.of(), NOW);

    assertThat(report.getDuplicateOwners()).isEqualTo(1);
    assertThat(report.getConserved()).isFalse();
    assertThat(report.getProblemsList()).anyMatch(p -> p.contains("89c25-ref-2-001") && p.contains("2 times") && p.contains("a, b"));
    assertThat(report.getProblemsList()).anyMatch(p -> p.startsWith("surplus of 2.00"));
  }

  @Test
  void a_member_that_did_not_answer_is_named_and_the_audit_is_not_conserved() {
    AuditPart a = tally("a").build();

    AuditReport report = AuditAggregation.aggregate(List.of("a", "b", "c"), List.of(a), Map.of("b", "UNAVAILABLE: timed out"), NOW);

    assertThat(report.getNodesList()).containsExactly("a");
    assertThat(report.getConserved()).isFalse();
    assertThat(report.getProblemsList()).containsExactly("member b did not answer: UNAVAILABLE: timed out", "member c did not answer: no answer");
  }

  @Test
  void a_missing_token_is_a_shortfall_in_units_and_hundredths() {
    AuditPart a = tally("a").token(token("89c25-ref-50-001", 50)).indexKey("89c25-ref-50-001").indexKey("89c25-ref-50-002").build();

    AuditReport report = AuditAggregation.aggregate(List.of("a"), List.of(a), Map.of(), NOW);

    assertThat(report.getConserved()).isFalse();
    assertThat(report.getProblemsList()).containsExactly("shortfall of 50.00: held + expired = 50.00, minted = 100.00");
  }

  @Test
  void open_sides_count_in_doubt_and_committed_unfinalized_payers_in_flight() {
    TxRecord inDoubt = TxRecord.newBuilder().setRole(TxRole.PAYEE).setState(TxState.IN_DOUBT).build();
    TxRecord inFlight = TxRecord.newBuilder().setRole(TxRole.PAYER).setState(TxState.COMMITTED).build();
    TxRecord finalized = TxRecord.newBuilder().setRole(TxRole.PAYER).setState(TxState.COMMITTED).setFinalized(true).build();
    TxRecord locked = TxRecord.newBuilder().setRole(TxRole.PAYER).setState(TxState.PREPARED).build();
    AuditPart a = tally("a").openSide(inDoubt).openSide(inFlight).openSide(finalized).openSide(locked)
      .token(token("89c25-ref-5-001", 5).toBuilder().setState(TokenState.LOCKED).build()).indexKey("89c25-ref-5-001").build();

    AuditReport report = AuditAggregation.aggregate(List.of("a"), List.of(a), Map.of(), NOW);

    assertThat(report.getInDoubt()).isEqualTo(1);
    assertThat(report.getInFlight()).isEqualTo(1);
    assertThat(report.getLockedTokens()).isEqualTo(1);
    assertThat(report.getHeldHundredths()).isEqualTo(500);
    assertThat(report.getConserved()).isFalse();
    assertThat(report.getProblemsList()).containsExactly("1 committed transfer(s) still in flight to their payee");
  }

  @Test
  void an_index_key_that_is_not_a_token_id_is_a_problem_of_its_member() {
    AuditPart a = tally("a").indexKey("not a token id").build();

    assertThat(a.getMintedHundredths()).isZero();
    assertThat(a.getProblemsList()).singleElement().asString().startsWith("a: token index key not a token id");
  }

  @Test
  void hundredths_print_as_units_and_two_decimals() {
    assertThat(AuditAggregation.hundredths(1234)).isEqualTo("12.34");
    assertThat(AuditAggregation.hundredths(5)).isEqualTo("0.05");
    assertThat(AuditAggregation.hundredths(-250)).isEqualTo("-2.50");
  }
}
