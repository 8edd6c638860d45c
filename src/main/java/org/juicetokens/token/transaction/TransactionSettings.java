package org.juicetokens.token.transaction;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.token.creation.Denominations;

/** The payment-planning settings, checked once (a bad value fails the node's start, not the first payment). */
public final class TransactionSettings {
  private TransactionSettings() {
  }

  /** transaction.minTokensAfterPayment (≥ 0, default 2). */
  public static TokenSelection tokenSelection(NodeConfig config) {
    return new TokenSelection(config.integer(Settings.TRANSACTION_MIN_TOKENS_AFTER_PAYMENT));
  }

  /** transaction.idealHolding, one count ≥ 1 per denomination of token.denominations. */
  public static IdealHolding idealHolding(NodeConfig config) {
    Denominations denominations = Denominations.of(config.list(Settings.TOKEN_DENOMINATIONS));
    return IdealHolding.of(denominations, config.list(Settings.TRANSACTION_IDEAL_HOLDING));
  }
}
