package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;

import java.util.OptionalInt;

/**
 * How a payment's hundredths settle between the payer's and the payee's wissel values
 * (PROTOCOL.md §Transactions). With f = amount mod 100:
 * <ul>
 *   <li>f = 0: nothing moves; the whole part is amount / 100 (a party without a wissel is fine).</li>
 *   <li>w(P) ≥ f and w(R) + f ≤ 199: f moves P → R; the whole part stays amount / 100.</li>
 *   <li>else w(R) ≥ 100 − f and w(P) + 100 − f ≤ 199: P pays one more whole unit and 100 − f moves
 *       R → P.</li>
 *   <li>else, or when either party has no wissel: INSUFFICIENT_CHANGE (a whole amount still can be paid).</li>
 * </ul>
 * Either way the payer's value falls by exactly the amount and the payee's rises by it, and
 * w(P) + w(R) is unchanged.
 *
 * @param wholeUnits       the whole units the payer's tokens must cover
 * @param hundredths       the hundredths moving between the wissels (0 when none)
 * @param payerWisselAfter the payer's wissel value afterwards (empty when it has none)
 * @param payeeWisselAfter the payee's wissel value afterwards (empty when it has none)
 */
public record WisselSettlement(long amountHundredths, long wholeUnits, int hundredths, Direction direction,
                               OptionalInt payerWisselAfter, OptionalInt payeeWisselAfter) {

  public enum Direction { NONE, PAYER_TO_PAYEE, PAYEE_TO_PAYER }

  /** The settlement of paying {@code amountHundredths} (> 0) between these wissel values (0–199 each, or absent). */
  public static WisselSettlement settle(long amountHundredths, OptionalInt payerWissel, OptionalInt payeeWissel) {
    if (amountHundredths <= 0) {
      throw JuiceException.invalidArgument("the amount must be positive, was " + amountHundredths + " hundredths");
    }
    payerWissel.ifPresent(Wallet::checkWissel);
    payeeWissel.ifPresent(Wallet::checkWissel);
    long whole = amountHundredths / 100;
    int f = (int) (amountHundredths % 100);
    if (f == 0) {
      return new WisselSettlement(amountHundredths, whole, 0, Direction.NONE, payerWissel, payeeWissel);
    }
    if (payerWissel.isEmpty() || payeeWissel.isEmpty()) {
      String who = payerWissel.isEmpty() ? (payeeWissel.isEmpty() ? "neither party has" : "the payer has no") : "the payee has no";
      throw Refusals.of(ErrorCode.INSUFFICIENT_CHANGE, Refusals.HUNDREDTHS, "cannot settle " + f + " hundredths: " + who
        + " wissel token, so only whole units can be paid");
    }
    int wp = payerWissel.getAsInt();
    int wr = payeeWissel.getAsInt();
    int max = Wallet.MAX_WISSEL_HUNDREDTHS;
    if (wp >= f && wr + f <= max) {
      return new WisselSettlement(amountHundredths, whole, f, Direction.PAYER_TO_PAYEE, OptionalInt.of(wp - f), OptionalInt.of(wr + f));
    }
    int back = 100 - f;
    if (wr >= back && wp + back <= max) {
      return new WisselSettlement(amountHundredths, whole + 1, back, Direction.PAYEE_TO_PAYER, OptionalInt.of(wp + back), OptionalInt.of(wr - back));
    }
    throw Refusals.of(ErrorCode.INSUFFICIENT_CHANGE, Refusals.HUNDREDTHS, "cannot settle " + f + " hundredths between wissel values "
      + wp + " (payer) and " + wr + " (payee): neither " + f + " forward nor " + back + " back fits in 0-" + max);
  }
}
