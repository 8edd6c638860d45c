package org.juicetokens.token.transaction;

import org.juicetokens.common.JuiceException;

/**
 * A regular token that can change hands whole: ACTIVE, unexpired, not the wissel, not locked
 * ({@link Wallet#fromStored} filters the stored tokens down to these). Its value is its denomination in
 * whole units.
 */
public record SpendableToken(String tokenId, int denomination) {
  public SpendableToken {
    if (tokenId == null || tokenId.isBlank()) {
      throw JuiceException.invalidArgument("a spendable token needs an id");
    }
    if (denomination <= 0) {
      throw JuiceException.invalidArgument("token " + tokenId + " has denomination " + denomination);
    }
  }
}
