package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxQuote;
import org.juicetokens.token.transaction.proto.TxQuoteRequest;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The payee's node: what it tells a payer planning a payment (the quote: key, wissel value, vector
 * clock) and its review of a proposal (the payee is homed here and ACTIVE with the proposal's key;
 * its wissel can take the hundredths; the change chosen by {@link ChangeSelection} from its regular
 * tokens, guided by the payer's clock). A refused review names the ErrorCode first in its reason
 * ({@code "INSUFFICIENT_CHANGE: ..."}), so the payer can answer its caller with it.
 */
final class PayeeDesk {
  private final TxCalls calls;
  private final String selfNode;
  private final IdealHolding ideal;
  private final LongSupplier clock;

  private final TokenReservations reservations;

  PayeeDesk(TxCalls calls, String selfNode, IdealHolding ideal, LongSupplier clock, TokenReservations reservations) {
    this.calls = calls;
    this.selfNode = selfNode;
    this.ideal = ideal;
    this.clock = clock;
    this.reservations = reservations;
  }

  Future<TxQuote> quote(TxQuoteRequest request) {
    if (request.getPayeeId().isEmpty()) {
      return Future.failedFuture(JuiceException.invalidArgument("a quote names the payee"));
    }
    return homedHere(request.getPayeeId()).compose(view -> calls.held(request.getPayeeId()).map(held -> {
      Wallet wallet = Wallet.fromStored(reservations.available(held.getTokensList()), clock.getAsLong());
      TxQuote.Builder quote = TxQuote.newBuilder().setPayeeId(request.getPayeeId()).setPayeeKey(view.getActivePublicKey())
        .setPayeeNode(selfNode).setVectorClock(ByteString.copyFrom(DenominationVectorClock.of(ideal, wallet.regular()).toBytes()))
        .setCorrelationId(request.getCorrelationId());
      wallet.wisselHundredths().ifPresent(w -> quote.setHasWissel(true).setWisselHundredths(w));
      return quote.build();
    }));
  }

  /** The payee side of tx {@code id} reviews the proposal; the change (and the wissel when hundredths move) is reserved for it. */
  Future<TxEvent.Reviewed> review(ExchangeId id, TxPlan plan) {
    return homedHere(plan.getPayeeId()).compose(view -> {
      if (!view.getActivePublicKey().equals(plan.getPayeeKey())) {
        throw new JuiceException(ErrorCode.CONFLICT, "the proposal names another key of payee " + plan.getPayeeId());
      }
      return calls.held(plan.getPayeeId());
    }).map(held -> {
      List<Token> usable = reservations.available(held.getTokensList());
      Wallet wallet = Wallet.fromStored(usable, clock.getAsLong());
      int hundredths = plan.getHundredthsToPayee();
      if (hundredths != 0) {
        int after = wallet.wisselHundredths().orElse(-1) + hundredths;
        if (wallet.wisselHundredths().isEmpty() || after < 0 || after > Wallet.MAX_WISSEL_HUNDREDTHS) {
          throw new JuiceException(ErrorCode.INSUFFICIENT_CHANGE, "the payee's wissel cannot settle " + hundredths + " hundredths");
        }
      }
      DenominationVectorClock payerClock = DenominationVectorClock.fromBytes(ideal.denominations(), plan.getPayerVectorClock().toByteArray());
      List<SpendableToken> change = ChangeSelection.select(wallet.regular(), plan.getChangeUnits(), payerClock);
      Set<String> ids = new HashSet<>();
      change.forEach(c -> ids.add(c.tokenId()));
      List<Token> tokens = usable.stream().filter(t -> ids.contains(t.getId())).toList();
      List<String> reserved = new ArrayList<>(ids);
      if (hundredths != 0) {
        usable.stream().filter(Token::getWissel).forEach(w -> reserved.add(w.getId()));
      }
      reservations.reserve(id, reserved);
      byte[] mine = DenominationVectorClock.of(ideal, wallet.regular()).toBytes();
      return TxEvent.Reviewed.accepted(mine, tokens);
    }).recover(failure -> {
      JuiceException e = Errors.toJuice(failure);
      return Future.succeededFuture(TxEvent.Reviewed.rejected(e.code().name() + ": " + e.getMessage()));
    });
  }

  private Future<IdentityView> homedHere(String payeeId) {
    return calls.activeIdentity("payee", payeeId).map(view -> {
      if (!view.getDocument().getHomeNode().equals(selfNode)) {
        throw JuiceException.notFound("payee " + payeeId + " is not homed on node " + selfNode);
      }
      return view;
    });
  }

  /** The ErrorCode a payee put first in its refusal ("INSUFFICIENT_CHANGE: ..."), or null. */
  static ErrorCode codeIn(String reason) {
    if (reason == null) {
      return null;
    }
    for (ErrorCode code : ErrorCode.values()) {
      if (reason.contains(code.name() + ": ")) {
        return code;
      }
    }
    return null;
  }
}
