package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;

import java.util.List;

/**
 * The payee's change (rExo) for an overpaying payer, chosen on the payee's node from its own
 * regular tokens (the ones it held before this exchange; never its wissel): exactly
 * {@code changeUnits}, with the fewest tokens, then the most tokens of denominations the payer's
 * clock (from its Propose) marks LACK or SLIGHTLY_WANTING, then the lowest token ids. When no
 * combination is exact the payee refuses: INSUFFICIENT_CHANGE, rule IMPOSSIBLE_CHANGE.
 */
public final class ChangeSelection {
  private ChangeSelection() {
  }

  /** The change tokens, in token id order (empty for no change). */
  public static List<SpendableToken> select(List<SpendableToken> payeeTokens, long changeUnits, DenominationVectorClock payerClock) {
    if (changeUnits < 0) {
      throw JuiceException.invalidArgument("change cannot be negative, was " + changeUnits);
    }
    Wallet payee = Wallet.withoutWissel(payeeTokens);
    if (changeUnits == 0) {
      return List.of();
    }
    if (payee.regularUnits() < changeUnits) {
      throw Refusals.of(ErrorCode.INSUFFICIENT_CHANGE, Refusals.IMPOSSIBLE_CHANGE, "impossible change: the payee's tokens are worth "
        + payee.regularUnits() + " whole units, less than the " + changeUnits + " to return");
    }
    TokenGroups groups = new TokenGroups(payee.regular());
    BoundedChange.Choice choice = BoundedChange.choose(groups.values(), groups.available(), groups.preference(payerClock),
      changeUnits, changeUnits, Long.MAX_VALUE);
    if (choice == null) {
      throw Refusals.of(ErrorCode.INSUFFICIENT_CHANGE, Refusals.IMPOSSIBLE_CHANGE, "impossible change: no combination of the payee's "
        + payee.regular().size() + " tokens makes exactly " + changeUnits + " whole units");
    }
    return groups.tokensOf(choice);
  }
}
