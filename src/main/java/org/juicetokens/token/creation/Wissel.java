package org.juicetokens.token.creation;

import org.juicetokens.token.proto.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * The wissel token (PROTOCOL.md §Tokens): the first token of denomination 1 an identity receives
 * becomes its wissel, valued 100 hundredths at designation (no value is created: a 1-unit token is
 * worth 100 hundredths either way). Pure; the home node applies it in the same storage batch as
 * the tokens, so an identity has at most one wissel.
 */
public final class Wissel {
  /** The wissel's value at designation, in hundredths. */
  public static final int INITIAL_HUNDREDTHS = 100;

  private Wissel() {
  }

  /**
   * {@code incoming} with the first denomination-1 token marked as the wissel when the owner has
   * none yet ({@code ownerHasWissel} false); otherwise unchanged.
   */
  public static List<Token> designate(List<Token> incoming, boolean ownerHasWissel) {
    List<Token> result = new ArrayList<>(incoming);
    if (ownerHasWissel) {
      return result;
    }
    for (int i = 0; i < result.size(); i++) {
      Token token = result.get(i);
      if (token.getDenomination() == Denominations.WISSEL_DENOMINATION) {
        result.set(i, token.toBuilder().setWissel(true).setWisselHundredths(INITIAL_HUNDREDTHS).build());
        break;
      }
    }
    return result;
  }

  /** The designated wissel among {@code tokens}, or null. */
  public static Token find(List<Token> tokens) {
    return tokens.stream().filter(Token::getWissel).findFirst().orElse(null);
  }
}
