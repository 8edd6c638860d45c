package org.juicetokens.token.creation;

import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.DenominationCount;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An identity's balance from its tokens: ACTIVE, unexpired tokens count their denomination × 100
 * hundredths, the wissel its wissel value instead; LOCKED tokens (held by a transaction) are
 * counted apart. Pure.
 */
public final class Balances {
  private Balances() {
  }

  public static Balance of(String id, List<Token> tokens, long nowMs) {
    long amount = 0;
    int count = 0;
    int locked = 0;
    Map<Integer, Integer> byDenomination = new TreeMap<>();
    Balance.Builder balance = Balance.newBuilder().setId(id);
    for (Token token : tokens) {
      if (token.getState() == TokenState.LOCKED) {
        locked++;
        continue;
      }
      if (token.getState() != TokenState.ACTIVE || token.getExpiresAtMs() <= nowMs) {
        continue;
      }
      count++;
      byDenomination.merge(token.getDenomination(), 1, Integer::sum);
      if (token.getWissel()) {
        amount += token.getWisselHundredths();
        balance.setWisselHundredths(token.getWisselHundredths()).setWisselTokenId(token.getId());
      } else {
        amount += token.getDenomination() * 100L;
      }
    }
    byDenomination.forEach((d, n) -> balance.addByDenomination(DenominationCount.newBuilder().setDenomination(d).setCount(n)));
    return balance.setAmountHundredths(amount).setTokenCount(count).setLockedCount(locked).build();
  }

  /** "12.34" for 1234 hundredths (negative amounts never occur; shown with a sign if they did). */
  public static String format(long hundredths) {
    String sign = hundredths < 0 ? "-" : "";
    long abs = Math.abs(hundredths);
    return sign + (abs / 100) + "." + String.format("%02d", abs % 100);
  }
}
