package org.juicetokens.token.transaction;

import java.util.List;

/**
 * Both sides of an exchange planned in one place: the payer's {@link PaymentPlan} and the payee's
 * change. In the running exchange the two halves are computed on two nodes (the payer's plan after
 * Accept, the change after Initiation); this puts them together for tests and tools, from the two
 * wallets and the clocks they imply.
 */
public record ExchangePlan(PaymentPlan payment, List<SpendableToken> change) {
  public ExchangePlan {
    change = List.copyOf(change);
  }

  public static ExchangePlan plan(TokenSelection selection, IdealHolding ideal, Wallet payer, Wallet payee, long amountHundredths) {
    DenominationVectorClock payerClock = DenominationVectorClock.of(ideal, payer.regular());
    DenominationVectorClock payeeClock = DenominationVectorClock.of(ideal, payee.regular());
    PaymentPlan payment = selection.plan(payer, payee.wisselHundredths(), payeeClock, amountHundredths);
    return new ExchangePlan(payment, ChangeSelection.select(payee.regular(), payment.changeUnits(), payerClock));
  }

  public List<String> changeTokenIds() {
    return change.stream().map(SpendableToken::tokenId).toList();
  }
}
