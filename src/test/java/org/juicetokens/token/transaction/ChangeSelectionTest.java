package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.creation.Denominations;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.token.transaction.PlanningFixture.IDEAL;
import static org.juicetokens.token.transaction.PlanningFixture.NEUTRAL;
import static org.juicetokens.token.transaction.PlanningFixture.assertRefused;
import static org.juicetokens.token.transaction.PlanningFixture.denominationsOf;
import static org.juicetokens.token.transaction.PlanningFixture.tokens;

class ChangeSelectionTest {

  @Test
  void returns_exact_change_with_the_fewest_tokens() {
    List<SpendableToken> change = ChangeSelection.select(tokens("r", 1, 2, 2, 5, 10, 20, 1), 9, NEUTRAL);
    assertThat(denominationsOf(change)).containsExactly(2, 2, 5);
  }

  @Test
  void no_change_is_no_tokens_and_negative_change_is_invalid() {
    assertThat(ChangeSelection.select(List.of(), 0, NEUTRAL)).isEmpty();
    assertThatThrownBy(() -> ChangeSelection.select(tokens("r", 1), -1, NEUTRAL))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void change_that_cannot_be_made_exactly_is_refused_as_impossible() {
    assertRefused(() -> ChangeSelection.select(tokens("r", 5, 5, 20), 3, NEUTRAL), ErrorCode.INSUFFICIENT_CHANGE,
      Refusals.IMPOSSIBLE_CHANGE, "impossible change: no combination of the payee's 3 tokens makes exactly 3");
    assertRefused(() -> ChangeSelection.select(tokens("r", 1, 1), 3, NEUTRAL), ErrorCode.INSUFFICIENT_CHANGE,
      Refusals.IMPOSSIBLE_CHANGE, "worth 2 whole units, less than the 3");
  }

  @Test
  void among_equally_few_tokens_it_prefers_what_the_payer_lacks() {
    Denominations small = Denominations.of(List.of("1", "2", "3", "4", "5"));
    IdealHolding ideal = IdealHolding.of(small, List.of("2", "2", "2", "2", "2"));
    List<SpendableToken> payee = tokens("r", 2, 3, 4, 5);
    assertThat(denominationsOf(ChangeSelection.select(payee, 7, DenominationVectorClock.ofCounts(ideal, Map.of(3, 3L, 4, 3L)))))
      .containsExactly(2, 5);
    assertThat(denominationsOf(ChangeSelection.select(payee, 7, DenominationVectorClock.ofCounts(ideal, Map.of(2, 3L, 5, 3L)))))
      .containsExactly(3, 4);
  }

  @Test
  void the_combined_plan_pays_and_returns_change_from_the_two_wallets() {
    Wallet payer = Wallet.of(tokens("p", 500, 20), 100);
    Wallet payee = Wallet.of(tokens("r", 200, 200, 50, 10, 5, 2, 1), 100);
    ExchangePlan plan = ExchangePlan.plan(new TokenSelection(2), IDEAL, payer, payee, 32_50);
    assertThat(plan.payment().sentTokenIds()).containsExactly("p-001");
    assertThat(plan.payment().changeUnits()).isEqualTo(468);
    assertThat(denominationsOf(plan.change())).containsExactly(1, 2, 5, 10, 50, 200, 200);
    assertThat(plan.payment().settlement().payeeWisselAfter()).hasValue(150);
  }

  @Test
  void the_combined_plan_refuses_when_the_payee_cannot_make_change() {
    Wallet payer = Wallet.of(tokens("p", 500, 20), 100);
    Wallet payee = Wallet.of(tokens("r", 200, 200), 100);
    assertRefused(() -> ExchangePlan.plan(new TokenSelection(2), IDEAL, payer, payee, 300), ErrorCode.INSUFFICIENT_CHANGE,
      Refusals.IMPOSSIBLE_CHANGE, "impossible change");
  }
}
