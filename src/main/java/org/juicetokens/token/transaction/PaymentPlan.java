package org.juicetokens.token.transaction;

import java.util.List;

/**
 * The payer's side of an exchange: which regular tokens it sends (sExo), the whole units they are
 * worth, how many whole units the payee must return as change (the overpay, 0 for an exact
 * payment) and how the hundredths settle between the wissels. The payee chooses its change tokens
 * itself ({@link ChangeSelection}).
 *
 * @param tokenCountAfter the payer's tokens after the payment, the wissel included and change not
 *                        (at least minTokensAfterPayment)
 */
public record PaymentPlan(List<SpendableToken> sent, long sentUnits, long changeUnits, WisselSettlement settlement,
                          int tokenCountAfter) {
  public PaymentPlan {
    sent = List.copyOf(sent);
  }

  public List<String> sentTokenIds() {
    return sent.stream().map(SpendableToken::tokenId).toList();
  }

  public boolean exact() {
    return changeUnits == 0;
  }
}
