package org.juicetokens.token.transaction;

import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What one party can use in a payment: its regular spendable tokens (sorted by token id, so every
 * choice made from them is deterministic) and, when it has one that is usable, its wissel value
 * in hundredths (0–199). The wissel is never among the regular tokens.
 */
public record Wallet(List<SpendableToken> regular, OptionalInt wisselHundredths) {
  public static final int MAX_WISSEL_HUNDREDTHS = 199;

  public Wallet {
    List<SpendableToken> sorted = new ArrayList<>(regular);
    sorted.sort(Comparator.comparing(SpendableToken::tokenId));
    Set<String> seen = new HashSet<>();
    for (SpendableToken token : sorted) {
      if (!seen.add(token.tokenId())) {
        throw JuiceException.invalidArgument("token " + token.tokenId() + " appears twice");
      }
    }
    regular = List.copyOf(sorted);
    if (wisselHundredths.isPresent()) {
      checkWissel(wisselHundredths.getAsInt());
    }
  }

  public static Wallet of(List<SpendableToken> regular, int wisselHundredths) {
    return new Wallet(regular, OptionalInt.of(wisselHundredths));
  }

  public static Wallet withoutWissel(List<SpendableToken> regular) {
    return new Wallet(regular, OptionalInt.empty());
  }

  /**
   * From an owner's stored tokens: ACTIVE, unexpired (expiry after {@code nowMs}) non-wissel tokens
   * are the regular ones; the wissel counts only when it is ACTIVE and unexpired too (a wissel
   * LOCKED by another exchange is absent here, so this payment settles whole units only).
   */
  public static Wallet fromStored(List<Token> tokens, long nowMs) {
    List<SpendableToken> regular = new ArrayList<>();
    OptionalInt wissel = OptionalInt.empty();
    for (Token token : tokens) {
      if (token.getState() != TokenState.ACTIVE || token.getExpiresAtMs() <= nowMs) {
        continue;
      }
      if (token.getWissel()) {
        wissel = OptionalInt.of(token.getWisselHundredths());
      } else {
        regular.add(new SpendableToken(token.getId(), token.getDenomination()));
      }
    }
    return new Wallet(regular, wissel);
  }

  public boolean hasWissel() {
    return wisselHundredths.isPresent();
  }

  /** Regular tokens plus the wissel, if any: what the minTokensAfterPayment rule counts. */
  public int tokenCount() {
    return regular.size() + (hasWissel() ? 1 : 0);
  }

  /** The regular tokens' value in whole units (the wissel is not spendable whole). */
  public long regularUnits() {
    long sum = 0;
    for (SpendableToken token : regular) {
      sum += token.denomination();
    }
    return sum;
  }

  /** Everything this wallet is worth, in hundredths: regular tokens × 100 plus the wissel value. */
  public long totalHundredths() {
    return regularUnits() * 100 + wisselHundredths.orElse(0);
  }

  static int checkWissel(int hundredths) {
    if (hundredths < 0 || hundredths > MAX_WISSEL_HUNDREDTHS) {
      throw JuiceException.invalidArgument("a wissel value is 0-" + MAX_WISSEL_HUNDREDTHS + " hundredths, was " + hundredths);
    }
    return hundredths;
  }
}
