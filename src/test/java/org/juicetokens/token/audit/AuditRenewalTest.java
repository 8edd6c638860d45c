package org.juicetokens.token.audit;

import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.token.proto.AuditPart;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Renewal in the audit: a RENEWED token is accounted as renewed (its replacement is minted and held), a reward in transit is in flight. */
class AuditRenewalTest {
  private static final long NOW = 1_000_000;

  private static Token token(String id, int denomination, TokenState state, long expires) {
    return Token.newBuilder().setId(id).setDenomination(denomination).setState(state).setExpiresAtMs(expires).build();
  }

  @Test
  void a_renewed_token_and_its_replacement_balance_against_both_index_entries() {
    AuditPart part = new AuditTally("a", NOW)
      .token(token("47c609bc-r-10-001", 10, TokenState.RENEWED, NOW - 5)) // expired since, still only renewed
      .token(token("47c609bc-r-10-002", 10, TokenState.ACTIVE, NOW + 5))
      .indexKey("47c609bc-r-10-001").indexKey("47c609bc-r-10-002").build();
    assertThat(part.getRenewedHundredths()).isEqualTo(1000);
    assertThat(part.getExpiredHundredths()).isZero();
    AuditReport report = AuditAggregation.aggregate(List.of("a"), List.of(part), Map.of(), NOW);
    assertThat(report.getConserved()).isTrue();
    assertThat(report.getRenewedHundredths()).isEqualTo(1000);
  }

  @Test
  void a_reward_in_transit_keeps_the_audit_from_calling_value_conserved() {
    AuditPart part = new AuditTally("a", NOW).rewardInTransit("rwc/rn-1").build();
    assertThat(part.getInFlight()).isEqualTo(1);
    assertThat(part.getProblemsList()).anyMatch(p -> p.contains("renewal reward in transit"));
    assertThat(AuditAggregation.aggregate(List.of("a"), List.of(part), Map.of(), NOW).getConserved()).isFalse();
  }
}
