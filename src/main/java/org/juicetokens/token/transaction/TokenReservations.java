package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.Token;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tokens this node has promised to an exchange that has not locked them yet. Between planning (the
 * payer's token selection, the payee's choice of change) and the PREPARED write that LOCKS them in
 * the store, a second payment of the same identity would otherwise pick the same tokens (or the
 * same wissel) and fail its lock with CONFLICT. Planning and review therefore choose among
 * {@link #available} tokens and reserve what they chose; the reservation ends with the side's
 * decision (by then the tokens are gone, or back and ACTIVE). In memory only: after a restart the
 * store's LOCKED states are the truth. Single-threaded (the transaction verticle's loop).
 */
final class TokenReservations {
  private final Map<String, ExchangeId> holder = new HashMap<>();
  private final Map<ExchangeId, Set<String>> held = new HashMap<>();

  /** {@code stored} without the tokens reserved by any exchange. */
  List<Token> available(List<Token> stored) {
    if (holder.isEmpty()) {
      return stored;
    }
    return stored.stream().filter(t -> !holder.containsKey(t.getId())).toList();
  }

  /** Reserves {@code tokenIds} for {@code exchange} (added to what it already holds): all of them, or none (CONFLICT). */
  void reserve(ExchangeId exchange, Collection<String> tokenIds) {
    for (String id : tokenIds) {
      ExchangeId previous = holder.get(id);
      if (previous != null && !previous.equals(exchange)) {
        throw new JuiceException(ErrorCode.CONFLICT, "token " + id + " is already promised to tx " + previous.txId());
      }
    }
    Set<String> mine = held.computeIfAbsent(exchange, k -> new HashSet<>());
    for (String id : tokenIds) {
      holder.put(id, exchange);
      mine.add(id);
    }
  }

  /** Ends every reservation of {@code exchange} (idempotent). */
  void release(ExchangeId exchange) {
    Set<String> mine = held.remove(exchange);
    if (mine != null) {
      mine.forEach(id -> holder.remove(id, exchange));
    }
  }

  int size() {
    return holder.size();
  }
}
