package org.juicetokens.token.transaction;

import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.transaction.proto.TxPlan;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The checks both parties make of a plan: its parties, its arithmetic (amount in hundredths =
 * (units sent − change units) × 100 + hundredths to the payee, the hundredths within ±99), and its
 * deadline (in the future, no farther than the deadline setting plus the freshness allowance).
 */
final class Plans {
  private Plans() {
  }

  /** Null when the proposal (the plan without its tokens) is sound, else why not. */
  static String problem(TxPlan plan, long nowMs, ExchangeSettings settings) {
    if (plan.getPayerKey().size() != Ed25519.PUBLIC_KEY_BYTES || plan.getPayeeKey().size() != Ed25519.PUBLIC_KEY_BYTES) {
      return "payer and payee keys must be " + Ed25519.PUBLIC_KEY_BYTES + " bytes";
    }
    if (plan.getPayerId().isEmpty() || plan.getPayeeId().isEmpty() || plan.getPayerNode().isEmpty() || plan.getPayeeNode().isEmpty()) {
      return "the plan must name both identities and their nodes";
    }
    if (plan.getUnitsSent() <= 0 || plan.getChangeUnits() < 0 || plan.getChangeUnits() >= plan.getUnitsSent()) {
      return "units sent " + plan.getUnitsSent() + " and change " + plan.getChangeUnits() + " do not make a payment";
    }
    if (Math.abs(plan.getHundredthsToPayee()) > 99) {
      return "hundredths to the payee must be within -99..99, got " + plan.getHundredthsToPayee();
    }
    long amount = (plan.getUnitsSent() - plan.getChangeUnits()) * 100 + plan.getHundredthsToPayee();
    if (plan.getAmountHundredths() <= 0 || amount != plan.getAmountHundredths()) {
      return "amount " + plan.getAmountHundredths() + " hundredths does not match the plan's " + amount;
    }
    long horizon = nowMs + settings.deadlineMs() + settings.freshness().maxAheadMs();
    if (plan.getDeadlineMs() <= nowMs || plan.getDeadlineMs() > horizon) {
      return "deadline " + plan.getDeadlineMs() + " is not within (" + nowMs + ", " + horizon + "]";
    }
    return null;
  }

  /** {@link #problem} plus the payer's own side: its tokens (distinct, no wissel) worth the units sent, a usable tx id. */
  static String payerProblem(String txId, TxPlan plan, long nowMs, ExchangeSettings settings) {
    if (txId == null || txId.isEmpty() || txId.getBytes(StandardCharsets.UTF_8).length > Telomeres.MAX_TX_ID_BYTES) {
      return "tx id must be 1-" + Telomeres.MAX_TX_ID_BYTES + " bytes";
    }
    String problem = problem(plan, nowMs, settings);
    if (problem != null) {
      return problem;
    }
    Set<String> ids = new HashSet<>();
    for (Token token : plan.getTokensList()) {
      if (token.getWissel() || !ids.add(token.getId())) {
        return "token " + token.getId() + " is a wissel token or listed twice";
      }
    }
    long units = Exchange.units(plan.getTokensList());
    return units == plan.getUnitsSent() ? null : "the tokens are worth " + units + " units, the plan says " + plan.getUnitsSent();
  }
}
