package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.creation.Denominations;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.token.transaction.PlanningFixture.IDEAL;
import static org.juicetokens.token.transaction.PlanningFixture.NEUTRAL;
import static org.juicetokens.token.transaction.PlanningFixture.assertRefused;
import static org.juicetokens.token.transaction.PlanningFixture.denominationsOf;
import static org.juicetokens.token.transaction.PlanningFixture.tokens;

class TokenSelectionTest {
  private static final TokenSelection SELECTION = new TokenSelection(TokenSelection.DEFAULT_MIN_TOKENS_AFTER_PAYMENT);
  private static final OptionalInt PAYEE_WISSEL = OptionalInt.of(100);

  private static PaymentPlan plan(Wallet payer, long amount) {
    return SELECTION.plan(payer, PAYEE_WISSEL, NEUTRAL, amount);
  }

  @Test
  void pays_the_whole_part_exactly_with_the_fewest_tokens() {
    PaymentPlan p = plan(Wallet.of(tokens("p", 1, 2, 2, 5, 10, 1, 1), 100), 700);
    assertThat(denominationsOf(p.sent())).containsExactly(2, 5);
    assertThat(p.sentUnits()).isEqualTo(7);
    assertThat(p.exact()).isTrue();
    assertThat(p.changeUnits()).isZero();
    assertThat(p.tokenCountAfter()).isEqualTo(6);
  }

  @Test
  void bounded_counts_find_the_exact_sum_greedy_would_miss() {
    PaymentPlan p = plan(Wallet.of(tokens("p", 50, 20, 20, 20), 100), 6000);
    assertThat(denominationsOf(p.sent())).containsExactly(20, 20, 20);
    assertThat(p.exact()).isTrue();
  }

  @Test
  void the_hundredths_go_through_the_wissels_and_the_tokens_pay_the_whole_part() {
    PaymentPlan forward = plan(Wallet.of(tokens("p", 5, 2, 1), 100), 730);
    assertThat(forward.settlement().direction()).isEqualTo(WisselSettlement.Direction.PAYER_TO_PAYEE);
    assertThat(denominationsOf(forward.sent())).containsExactly(2, 5);
    PaymentPlan backward = plan(Wallet.of(tokens("p", 5, 2, 1, 10), 10), 730);
    assertThat(backward.settlement().direction()).isEqualTo(WisselSettlement.Direction.PAYEE_TO_PAYER);
    assertThat(backward.settlement().wholeUnits()).isEqualTo(8);
    assertThat(denominationsOf(backward.sent())).containsExactly(1, 2, 5);
  }

  @Test
  void without_an_exact_sum_it_overpays_as_little_as_possible_and_asks_for_change() {
    PaymentPlan p = plan(Wallet.of(tokens("p", 5, 20, 5), 100), 300);
    assertThat(p.sentTokenIds()).containsExactly("p-001");
    assertThat(p.sentUnits()).isEqualTo(5);
    assertThat(p.changeUnits()).isEqualTo(2);
    assertThat(p.exact()).isFalse();
  }

  @Test
  void the_smallest_overpay_wins_over_fewer_tokens() {
    PaymentPlan p = plan(Wallet.of(tokens("p", 2, 2, 5), 100), 300);
    assertThat(denominationsOf(p.sent())).containsExactly(2, 2);
    assertThat(p.changeUnits()).isEqualTo(1);
  }

  @Test
  void min_tokens_after_payment_turns_an_exact_payment_into_an_overpay_when_it_must() {
    PaymentPlan p = plan(Wallet.withoutWissel(tokens("p", 2, 2, 5)), 300);
    assertThat(denominationsOf(p.sent())).containsExactly(5);
    assertThat(p.changeUnits()).isEqualTo(2);
    assertThat(p.tokenCountAfter()).isEqualTo(2);
    PaymentPlan q = plan(Wallet.withoutWissel(tokens("p", 1, 1, 5)), 200);
    assertThat(denominationsOf(q.sent())).containsExactly(5);
  }

  @Test
  void min_tokens_after_payment_boundary_counts_the_wissel() {
    Wallet twoAndWissel = Wallet.of(tokens("p", 5, 5), 100);
    assertThat(plan(twoAndWissel, 500).tokenCountAfter()).isEqualTo(2);
    assertRefused(() -> plan(twoAndWissel, 1000), ErrorCode.INSUFFICIENT_FUNDS, Refusals.MIN_TOKENS,
      "must keep at least 2 tokens (the wissel included) and holds 3");
    Wallet three = Wallet.withoutWissel(tokens("p", 5, 5, 5));
    assertThat(plan(three, 500).tokenCountAfter()).isEqualTo(2);
    assertRefused(() -> plan(three, 1000), ErrorCode.INSUFFICIENT_FUNDS, Refusals.MIN_TOKENS, "at most 1 of its tokens");
    assertThat(new TokenSelection(0).plan(three, PAYEE_WISSEL, NEUTRAL, 1500).tokenCountAfter()).isZero();
  }

  @Test
  void a_payment_of_hundredths_only_sends_no_tokens_but_still_keeps_the_minimum() {
    PaymentPlan p = plan(Wallet.of(tokens("p", 10), 100), 40);
    assertThat(p.sent()).isEmpty();
    assertThat(p.settlement().payerWisselAfter()).hasValue(60);
    assertRefused(() -> plan(Wallet.of(List.of(), 150), 40), ErrorCode.INSUFFICIENT_FUNDS, Refusals.MIN_TOKENS, "holds 1");
  }

  @Test
  void too_little_value_is_insufficient_funds() {
    assertRefused(() -> plan(Wallet.of(tokens("p", 5, 2), 50), 751), ErrorCode.INSUFFICIENT_FUNDS, Refusals.FUNDS,
      "holds 7.50, less than the 7.51");
    assertRefused(() -> plan(Wallet.withoutWissel(List.of()), 100), ErrorCode.INSUFFICIENT_FUNDS, Refusals.FUNDS, "holds 0.00");
  }

  @Test
  void value_held_in_the_wissel_is_not_spendable_whole() {
    assertRefused(() -> plan(Wallet.of(tokens("p", 2), 150), 300), ErrorCode.INSUFFICIENT_FUNDS, Refusals.FUNDS,
      "regular tokens are worth 2 whole units, less than the 3 to pay");
    assertRefused(() -> SELECTION.plan(Wallet.of(tokens("p", 5), 100), OptionalInt.of(190), NEUTRAL, 550),
      ErrorCode.INSUFFICIENT_FUNDS, Refusals.FUNDS, "6 (one more than the amount's");
  }

  @Test
  void a_fraction_without_wissels_is_insufficient_change_and_whole_amounts_still_pay() {
    Wallet payer = Wallet.withoutWissel(tokens("p", 5, 5, 5));
    assertRefused(() -> plan(payer, 550), ErrorCode.INSUFFICIENT_CHANGE, Refusals.HUNDREDTHS, "payer has no wissel");
    assertThat(SELECTION.plan(payer, OptionalInt.empty(), NEUTRAL, 500).sentUnits()).isEqualTo(5);
  }

  @Test
  void non_positive_amounts_and_bad_inputs_are_invalid_arguments() {
    Wallet payer = Wallet.of(tokens("p", 5, 5, 5), 100);
    for (long amount : new long[] {0, -100}) {
      assertThatThrownBy(() -> plan(payer, amount)).isInstanceOfSatisfying(JuiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
    assertThatThrownBy(() -> Wallet.withoutWissel(List.of(new SpendableToken("a", 5), new SpendableToken("a", 2))))
      .isInstanceOf(JuiceException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> new SpendableToken("a", 0)).isInstanceOf(JuiceException.class);
    assertThatThrownBy(() -> new SpendableToken(" ", 1)).isInstanceOf(JuiceException.class);
    assertThatThrownBy(() -> Wallet.of(List.of(), 200)).isInstanceOf(JuiceException.class);
    assertThatThrownBy(() -> new TokenSelection(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void among_equally_few_tokens_it_prefers_what_the_payee_lacks() {
    Denominations small = Denominations.of(List.of("1", "2", "3", "4", "5"));
    IdealHolding ideal = IdealHolding.of(small, List.of("2", "2", "2", "2", "2"));
    Wallet payer = Wallet.of(tokens("p", 2, 3, 4, 5), 100);
    DenominationVectorClock lacksTwoAndFive = DenominationVectorClock.ofCounts(ideal, Map.of(3, 3L, 4, 3L));
    DenominationVectorClock lacksThreeAndFour = DenominationVectorClock.ofCounts(ideal, Map.of(2, 3L, 5, 3L));
    assertThat(denominationsOf(SELECTION.plan(payer, PAYEE_WISSEL, lacksTwoAndFive, 700).sent())).containsExactly(2, 5);
    assertThat(denominationsOf(SELECTION.plan(payer, PAYEE_WISSEL, lacksThreeAndFour, 700).sent())).containsExactly(3, 4);
    DenominationVectorClock slightlyWantsFour = DenominationVectorClock.ofCounts(ideal, Map.of(2, 2L, 3, 2L, 4, 1L, 5, 2L));
    assertThat(denominationsOf(SELECTION.plan(payer, PAYEE_WISSEL, slightlyWantsFour, 700).sent())).containsExactly(3, 4);
  }

  @Test
  void fewer_tokens_beat_the_payees_preference() {
    DenominationVectorClock lacksSmall = DenominationVectorClock.ofCounts(IDEAL, Map.of(10, 5L));
    PaymentPlan p = SELECTION.plan(Wallet.of(tokens("p", 10, 5, 5, 1), 100), PAYEE_WISSEL, lacksSmall, 1000);
    assertThat(denominationsOf(p.sent())).containsExactly(10);
  }

  @Test
  void ties_go_to_the_lowest_token_ids_whatever_the_input_order() {
    List<SpendableToken> tokens = new ArrayList<>(tokens("p", 5, 5, 5, 5, 2, 2, 2, 1, 1));
    PaymentPlan first = plan(Wallet.of(tokens, 100), 1200);
    assertThat(first.sentTokenIds()).containsExactly("p-001", "p-002", "p-005");
    Collections.shuffle(tokens, new Random(7));
    assertThat(plan(Wallet.of(tokens, 100), 1200)).isEqualTo(first);
  }

  @Test
  void two_thousand_tokens_plan_within_the_bounds() {
    Random random = new Random(42);
    List<Integer> denominations = Denominations.standard().values();
    List<SpendableToken> tokens = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < 2000; i++) {
      int d = denominations.get(random.nextInt(denominations.size()));
      tokens.add(new SpendableToken(String.format("p-%04d", i), d));
      total += d;
    }
    Wallet payer = Wallet.of(tokens, 100);
    PaymentPlan nearlyAll = plan(payer, (total - 3) * 100 + 17);
    assertThat(nearlyAll.sentUnits() - nearlyAll.changeUnits()).isEqualTo(total - 3);
    PaymentPlan small = plan(payer, 1234);
    assertThat(small.sentUnits() - small.changeUnits()).isEqualTo(12);
  }

  @Test
  void plans_beyond_the_search_bounds_are_refused_not_crashed() {
    List<SpendableToken> ones = new ArrayList<>();
    for (int i = 0; i < BoundedChange.MAX_TOKENS + 5; i++) {
      ones.add(new SpendableToken(String.format("p-%05d", i), 1));
    }
    assertThatThrownBy(() -> plan(Wallet.of(ones, 100), (BoundedChange.MAX_TOKENS + 2) * 100L))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining("split it");
    List<SpendableToken> fiveHundreds = new ArrayList<>();
    for (int i = 0; i < 4010; i++) {
      fiveHundreds.add(new SpendableToken(String.format("q-%05d", i), 500));
    }
    assertThatThrownBy(() -> plan(Wallet.of(fiveHundreds, 100), (BoundedChange.MAX_UNITS + 1) * 100))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining("whole units");
  }
}
