package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.creation.Denominations;
import org.assertj.core.api.ThrowableAssert;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wallets and refusals for the payment-planning tests. */
final class PlanningFixture {
  static final IdealHolding IDEAL = IdealHolding.standard();
  static final DenominationVectorClock NEUTRAL = DenominationVectorClock.fromLong(Denominations.standard(), 0x2AAAAL);

  private PlanningFixture() {
  }

  /** Tokens {@code prefix-001, prefix-002, ...} of the given denominations, in that order. */
  static List<SpendableToken> tokens(String prefix, int... denominations) {
    List<SpendableToken> tokens = new ArrayList<>();
    for (int i = 0; i < denominations.length; i++) {
      tokens.add(new SpendableToken(String.format("%s-%03d", prefix, i + 1), denominations[i]));
    }
    return tokens;
  }

  static int[] denominationsOf(List<SpendableToken> tokens) {
    return tokens.stream().mapToInt(SpendableToken::denomination).sorted().toArray();
  }

  static void assertRefused(ThrowableAssert.ThrowingCallable call, ErrorCode code, String rule, String messagePart) {
    assertThatThrownBy(call).isInstanceOfSatisfying(JuiceException.class, e -> {
      org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code);
      org.assertj.core.api.Assertions.assertThat(Refusals.ruleOf(e)).isEqualTo(rule);
      org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(messagePart);
    });
  }
}
