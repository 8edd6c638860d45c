package org.juicetokens.token.transaction;

import org.juicetokens.token.transaction.proto.TxRole;

/** One side of one exchange: a node can be payer and payee of the same tx (two of its identities). */
public record ExchangeId(String txId, TxRole role) {
  @Override
  public String toString() {
    return role + ":" + txId;
  }
}
