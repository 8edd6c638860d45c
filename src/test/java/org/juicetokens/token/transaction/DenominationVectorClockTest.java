package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.creation.Denominations;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.token.transaction.DenominationStatus.ABUNDANCE;
import static org.juicetokens.token.transaction.DenominationStatus.GOOD;
import static org.juicetokens.token.transaction.DenominationStatus.LACK;
import static org.juicetokens.token.transaction.DenominationStatus.SLIGHTLY_WANTING;
import static org.juicetokens.token.transaction.PlanningFixture.IDEAL;
import static org.juicetokens.token.transaction.PlanningFixture.tokens;

class DenominationVectorClockTest {
  private static final Denominations STANDARD = Denominations.standard();

  @Test
  void status_thresholds_are_below_half_below_ideal_up_to_one_and_a_half_and_above() {
    List<DenominationStatus> ofFive = new ArrayList<>();
    for (int count = 0; count <= 9; count++) {
      ofFive.add(DenominationStatus.of(count, 5));
    }
    assertThat(ofFive).containsExactly(LACK, LACK, LACK, SLIGHTLY_WANTING, SLIGHTLY_WANTING, GOOD, GOOD, GOOD, ABUNDANCE, ABUNDANCE);
    assertThat(List.of(DenominationStatus.of(0, 1), DenominationStatus.of(1, 1), DenominationStatus.of(2, 1)))
      .containsExactly(LACK, GOOD, ABUNDANCE);
    assertThat(List.of(DenominationStatus.of(1, 4), DenominationStatus.of(2, 4), DenominationStatus.of(3, 4),
      DenominationStatus.of(6, 4), DenominationStatus.of(7, 4))).containsExactly(LACK, SLIGHTLY_WANTING, SLIGHTLY_WANTING, GOOD, ABUNDANCE);
  }

  @Test
  void the_ideal_holding_is_all_good_and_encodes_as_alternating_bits() {
    List<SpendableToken> ideal = new ArrayList<>();
    int[] counts = {5, 5, 5, 5, 5, 4, 3, 2, 1};
    for (int i = 0; i < counts.length; i++) {
      for (int n = 0; n < counts[i]; n++) {
        ideal.add(new SpendableToken("t" + i + "-" + n, STANDARD.values().get(i)));
      }
    }
    DenominationVectorClock clock = DenominationVectorClock.of(IDEAL, ideal);
    assertThat(clock.statuses()).containsOnly(GOOD).hasSize(9);
    assertThat(clock.toLong()).isEqualTo(0x2AAAAL);
    assertThat(clock.toBytes()).containsExactly(0xAA, 0xAA, 0x02);
  }

  @Test
  void an_empty_holding_lacks_everything_and_encodes_as_zero() {
    DenominationVectorClock clock = DenominationVectorClock.of(IDEAL, List.of());
    assertThat(clock.statuses()).containsOnly(LACK);
    assertThat(clock.toLong()).isZero();
    assertThat(clock.toBytes()).containsExactly(0, 0, 0);
  }

  @Test
  void denomination_one_is_in_the_lowest_two_bits() {
    DenominationVectorClock clock = DenominationVectorClock.ofCounts(IDEAL, Map.of(1, 9L, 500, 1L));
    assertThat(clock.status(1)).isEqualTo(ABUNDANCE);
    assertThat(clock.status(500)).isEqualTo(GOOD);
    assertThat(clock.toLong()).isEqualTo(0b11L | (0b10L << 16));
  }

  @Test
  void encodings_round_trip() {
    DenominationVectorClock clock = DenominationVectorClock.of(IDEAL, tokens("x", 1, 1, 1, 2, 5, 5, 5, 5, 5, 5, 5, 5, 50, 50, 50, 50, 100, 500, 500));
    assertThat(DenominationVectorClock.fromLong(STANDARD, clock.toLong())).isEqualTo(clock);
    assertThat(DenominationVectorClock.fromBytes(STANDARD, clock.toBytes())).isEqualTo(clock);
    assertThat(clock.statuses()).containsExactly(SLIGHTLY_WANTING, LACK, ABUNDANCE, LACK, LACK, GOOD, LACK, LACK, ABUNDANCE);
  }

  @Test
  void decoding_refuses_wrong_lengths_and_stray_bits() {
    for (byte[] bad : List.of(new byte[0], new byte[2], new byte[4], new byte[] {0, 0, 0x04}, new byte[] {0, 0, (byte) 0x80})) {
      assertThatThrownBy(() -> DenominationVectorClock.fromBytes(STANDARD, bad))
        .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
    assertThatThrownBy(() -> DenominationVectorClock.fromBytes(STANDARD, null)).isInstanceOf(JuiceException.class);
    for (long bad : new long[] {1L << 18, -1L, Long.MIN_VALUE}) {
      assertThatThrownBy(() -> DenominationVectorClock.fromLong(STANDARD, bad))
        .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
    assertThat(DenominationVectorClock.fromLong(STANDARD, (1L << 18) - 1).statuses()).containsOnly(ABUNDANCE);
  }

  @Test
  void a_smaller_denomination_set_uses_fewer_bytes() {
    Denominations three = Denominations.of(List.of("1", "2", "5"));
    IdealHolding ideal = IdealHolding.of(three, List.of("2", "2", "2"));
    DenominationVectorClock clock = DenominationVectorClock.of(ideal, tokens("x", 1, 1, 5, 5, 5, 5));
    assertThat(clock.toBytes()).hasSize(1);
    assertThat(DenominationVectorClock.fromBytes(three, clock.toBytes())).isEqualTo(clock);
    assertThatThrownBy(() -> DenominationVectorClock.fromLong(three, 1L << 6)).isInstanceOf(JuiceException.class);
  }

  @Test
  void the_wissel_locked_and_expired_tokens_are_not_counted() {
    long now = 1_000;
    List<Token> stored = List.of(
      token("w", 1, TokenState.ACTIVE, now + 1).toBuilder().setWissel(true).setWisselHundredths(120).build(),
      token("a", 1, TokenState.ACTIVE, now + 1),
      token("b", 1, TokenState.LOCKED, now + 1),
      token("c", 1, TokenState.ACTIVE, now),
      token("d", 2, TokenState.EXPIRED, now + 1),
      token("e", 500, TokenState.ACTIVE, now + 1));
    Wallet wallet = Wallet.fromStored(stored, now);
    assertThat(wallet.regular()).extracting(SpendableToken::tokenId).containsExactly("a", "e");
    assertThat(wallet.wisselHundredths()).hasValue(120);
    DenominationVectorClock clock = DenominationVectorClock.of(IDEAL, wallet.regular());
    assertThat(clock.status(1)).isEqualTo(LACK);
    assertThat(clock.status(500)).isEqualTo(GOOD);
  }

  @Test
  void ideal_holdings_must_name_one_count_of_at_least_one_per_denomination() {
    assertThatThrownBy(() -> IdealHolding.of(STANDARD, List.of("5", "5"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 9");
    assertThatThrownBy(() -> IdealHolding.of(STANDARD, List.of("5", "5", "5", "5", "5", "4", "3", "2", "0"))).hasMessageContaining("below 1");
    assertThatThrownBy(() -> IdealHolding.of(STANDARD, List.of("5", "5", "5", "5", "5", "4", "3", "2", "x"))).hasMessageContaining("'x'");
    assertThat(IDEAL.idealOf(50)).isEqualTo(4);
    assertThatThrownBy(() -> IDEAL.idealOf(3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void preference_is_two_for_lack_one_for_slightly_wanting_and_zero_otherwise_or_unknown() {
    DenominationVectorClock clock = DenominationVectorClock.ofCounts(IDEAL, Map.of(2, 3L, 5, 5L, 10, 9L));
    assertThat(clock.preference(1)).isEqualTo(2);
    assertThat(clock.preference(2)).isEqualTo(1);
    assertThat(clock.preference(5)).isZero();
    assertThat(clock.preference(10)).isZero();
    assertThat(clock.preference(3)).isZero();
  }

  static Token token(String id, int denomination, TokenState state, long expiresAtMs) {
    return Token.newBuilder().setId(id).setDenomination(denomination).setState(state).setExpiresAtMs(expiresAtMs).build();
  }
}
