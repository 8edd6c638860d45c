package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;

import java.util.Map;

/**
 * The refusals of payment planning. Each carries, besides its ErrorCode and message, a
 * {@code rule} detail naming which rule refused, so the exchange can put it in its Reject and a
 * test can tell two INSUFFICIENT_FUNDS apart.
 */
public final class Refusals {
  public static final String RULE = "rule";
  /** The hundredths cannot move between the wissel values (or a party has no wissel). */
  public static final String HUNDREDTHS = "HUNDREDTHS";
  /** The payee cannot return the overpay exactly from its own tokens. */
  public static final String IMPOSSIBLE_CHANGE = "IMPOSSIBLE_CHANGE";
  /** The payer's regular tokens are worth less than the whole units to pay. */
  public static final String FUNDS = "FUNDS";
  /** Paying would leave the payer fewer tokens than minTokensAfterPayment. */
  public static final String MIN_TOKENS = "MIN_TOKENS_AFTER_PAYMENT";

  private Refusals() {
  }

  static JuiceException of(ErrorCode code, String rule, String message) {
    return new JuiceException(code, message, Map.of(RULE, rule), null);
  }

  /** The rule that refused, or null when the failure is not a planning refusal. */
  public static String ruleOf(JuiceException failure) {
    return failure.details().get(RULE);
  }
}
