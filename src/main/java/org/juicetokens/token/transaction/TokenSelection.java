package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.creation.Balances;

import java.util.OptionalInt;

/**
 * The payer's choice of tokens (PROTOCOL.md §Transactions, token selection). In order:
 * <ol>
 *   <li>amount ≤ 0: INVALID_ARGUMENT; the payer's whole value (regular tokens and wissel) below the
 *       amount: INSUFFICIENT_FUNDS;</li>
 *   <li>the hundredths settle between the wissels ({@link WisselSettlement}), which fixes the whole
 *       units I the tokens must cover (amount / 100, or one more);</li>
 *   <li>the regular tokens worth less than I: INSUFFICIENT_FUNDS (the wissel is never spent whole);</li>
 *   <li>the payer may send at most (its tokens + wissel) − minTokensAfterPayment tokens; among those
 *       selections: the exact sum I if any, else the smallest overpay; then the fewest tokens; then
 *       the most tokens of denominations the payee's clock marks LACK (2 points) or SLIGHTLY_WANTING
 *       (1); then the lowest token ids. None: INSUFFICIENT_FUNDS naming minTokensAfterPayment.</li>
 * </ol>
 * Change received back does not count towards minTokensAfterPayment: the payee picks it later, on
 * its own node. Immutable and thread-safe.
 */
public final class TokenSelection {
  public static final int DEFAULT_MIN_TOKENS_AFTER_PAYMENT = 2;

  private final int minTokensAfterPayment;

  public TokenSelection(int minTokensAfterPayment) {
    if (minTokensAfterPayment < 0) {
      throw new IllegalArgumentException("transaction.minTokensAfterPayment must be >= 0, was " + minTokensAfterPayment);
    }
    this.minTokensAfterPayment = minTokensAfterPayment;
  }

  public int minTokensAfterPayment() {
    return minTokensAfterPayment;
  }

  /**
   * The plan for {@code payer} paying {@code amountHundredths} to a payee with wissel
   * {@code payeeWissel} (empty: none) and vector clock {@code payeeClock} (from its Accept).
   */
  public PaymentPlan plan(Wallet payer, OptionalInt payeeWissel, DenominationVectorClock payeeClock, long amountHundredths) {
    if (amountHundredths <= 0) {
      throw JuiceException.invalidArgument("the amount must be positive, was " + amountHundredths + " hundredths");
    }
    if (payer.totalHundredths() < amountHundredths) {
      throw Refusals.of(ErrorCode.INSUFFICIENT_FUNDS, Refusals.FUNDS, "the payer holds " + Balances.format(payer.totalHundredths())
        + ", less than the " + Balances.format(amountHundredths) + " to pay");
    }
    WisselSettlement settlement = WisselSettlement.settle(amountHundredths, payer.wisselHundredths(), payeeWissel);
    long whole = settlement.wholeUnits();
    long regular = payer.regularUnits();
    if (regular < whole) {
      String extra = settlement.direction() == WisselSettlement.Direction.PAYEE_TO_PAYER ? " (one more than the amount's, to settle the hundredths)" : "";
      throw Refusals.of(ErrorCode.INSUFFICIENT_FUNDS, Refusals.FUNDS, "the payer's regular tokens are worth " + regular
        + " whole units, less than the " + whole + extra + " to pay; its wissel is never spent whole");
    }
    long maxSent = (long) payer.tokenCount() - minTokensAfterPayment;
    TokenGroups groups = new TokenGroups(payer.regular());
    long hi = Math.min(regular, whole + Math.max(groups.largest() - 1, 0));
    BoundedChange.Choice choice = BoundedChange.choose(groups.values(), groups.available(), groups.preference(payeeClock), whole, hi, maxSent);
    if (choice == null) {
      throw Refusals.of(ErrorCode.INSUFFICIENT_FUNDS, Refusals.MIN_TOKENS, "minTokensAfterPayment: the payer must keep at least "
        + minTokensAfterPayment + " tokens (the wissel included) and holds " + payer.tokenCount()
        + "; no choice of at most " + Math.max(maxSent, 0) + " of its tokens covers " + whole + " whole units");
    }
    var sent = groups.tokensOf(choice);
    return new PaymentPlan(sent, choice.units(), choice.units() - whole, settlement, payer.tokenCount() - sent.size());
  }
}
