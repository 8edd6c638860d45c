package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.token.transaction.PlanningFixture.assertRefused;
import static org.juicetokens.token.transaction.WisselSettlement.Direction.NONE;
import static org.juicetokens.token.transaction.WisselSettlement.Direction.PAYEE_TO_PAYER;
import static org.juicetokens.token.transaction.WisselSettlement.Direction.PAYER_TO_PAYEE;

class WisselSettlementTest {

  private static WisselSettlement settle(long amount, int payer, int payee) {
    return WisselSettlement.settle(amount, OptionalInt.of(payer), OptionalInt.of(payee));
  }

  @Test
  void a_whole_amount_moves_no_hundredths_even_without_wissels() {
    WisselSettlement s = WisselSettlement.settle(1200, OptionalInt.empty(), OptionalInt.empty());
    assertThat(s.wholeUnits()).isEqualTo(12);
    assertThat(s.hundredths()).isZero();
    assertThat(s.direction()).isEqualTo(NONE);
    assertThat(s.payerWisselAfter()).isEmpty();
    assertThat(settle(500, 7, 190)).isEqualTo(new WisselSettlement(500, 5, 0, NONE, OptionalInt.of(7), OptionalInt.of(190)));
  }

  @Test
  void the_fraction_moves_forward_when_both_wissels_allow() {
    assertThat(settle(1234, 100, 100)).isEqualTo(new WisselSettlement(1234, 12, 34, PAYER_TO_PAYEE, OptionalInt.of(66), OptionalInt.of(134)));
  }

  @Test
  void forward_boundaries_are_inclusive() {
    assertThat(settle(134, 34, 165)).isEqualTo(new WisselSettlement(134, 1, 34, PAYER_TO_PAYEE, OptionalInt.of(0), OptionalInt.of(199)));
    assertThat(settle(99, 199, 0)).isEqualTo(new WisselSettlement(99, 0, 99, PAYER_TO_PAYEE, OptionalInt.of(100), OptionalInt.of(99)));
  }

  @Test
  void one_hundredth_short_on_the_payer_turns_the_fraction_around() {
    assertThat(settle(134, 33, 100)).isEqualTo(new WisselSettlement(134, 2, 66, PAYEE_TO_PAYER, OptionalInt.of(99), OptionalInt.of(34)));
  }

  @Test
  void one_hundredth_too_many_on_the_payee_turns_the_fraction_around() {
    assertThat(settle(99, 100, 101)).isEqualTo(new WisselSettlement(99, 1, 1, PAYEE_TO_PAYER, OptionalInt.of(101), OptionalInt.of(100)));
  }

  @Test
  void backward_boundaries_are_inclusive() {
    assertThat(settle(1, 0, 99)).isEqualTo(new WisselSettlement(1, 1, 99, PAYEE_TO_PAYER, OptionalInt.of(99), OptionalInt.of(0)));
    assertThat(settle(1, 0, 199)).isEqualTo(new WisselSettlement(1, 1, 99, PAYEE_TO_PAYER, OptionalInt.of(99), OptionalInt.of(100)));
    assertThat(settle(50, 149, 199)).isEqualTo(new WisselSettlement(50, 1, 50, PAYEE_TO_PAYER, OptionalInt.of(199), OptionalInt.of(149)));
  }

  @Test
  void neither_way_fitting_is_insufficient_change() {
    assertRefused(() -> settle(150, 0, 0), ErrorCode.INSUFFICIENT_CHANGE, Refusals.HUNDREDTHS, "50 hundredths");
    assertRefused(() -> settle(150, 199, 199), ErrorCode.INSUFFICIENT_CHANGE, Refusals.HUNDREDTHS, "0-199");
    assertRefused(() -> settle(1, 0, 98), ErrorCode.INSUFFICIENT_CHANGE, Refusals.HUNDREDTHS, "99 back");
    assertRefused(() -> settle(99, 98, 0), ErrorCode.INSUFFICIENT_CHANGE, Refusals.HUNDREDTHS, "payer");
  }

  @Test
  void without_a_wissel_only_whole_units_can_be_paid() {
    assertRefused(() -> WisselSettlement.settle(150, OptionalInt.empty(), OptionalInt.of(100)), ErrorCode.INSUFFICIENT_CHANGE,
      Refusals.HUNDREDTHS, "the payer has no wissel");
    assertRefused(() -> WisselSettlement.settle(150, OptionalInt.of(100), OptionalInt.empty()), ErrorCode.INSUFFICIENT_CHANGE,
      Refusals.HUNDREDTHS, "the payee has no wissel");
    assertRefused(() -> WisselSettlement.settle(1, OptionalInt.empty(), OptionalInt.empty()), ErrorCode.INSUFFICIENT_CHANGE,
      Refusals.HUNDREDTHS, "neither party");
  }

  @Test
  void amounts_and_wissel_values_out_of_range_are_invalid_arguments() {
    for (long amount : new long[] {0, -1, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> settle(amount, 100, 100))
        .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
    for (int wissel : new int[] {-1, 200}) {
      assertThatThrownBy(() -> settle(100, wissel, 100)).isInstanceOfSatisfying(JuiceException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
      assertThatThrownBy(() -> settle(100, 100, wissel)).isInstanceOf(JuiceException.class);
    }
  }

  @Test
  void the_largest_amount_does_not_overflow() {
    WisselSettlement s = settle(Long.MAX_VALUE, 100, 100);
    assertThat(s.wholeUnits()).isEqualTo(Long.MAX_VALUE / 100);
    assertThat(s.hundredths()).isEqualTo(7);
  }
}
