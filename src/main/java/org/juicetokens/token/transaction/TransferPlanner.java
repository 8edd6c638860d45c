package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenHeldReply;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxQuote;
import org.juicetokens.token.transaction.proto.TxQuoteRequest;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The payer's node plans a transfer before the exchange starts: the payer homed here and ACTIVE,
 * the payee found (its identity document's home node, or {@code to_node} for a payee of another
 * cluster) and its quote asked of its node, the payer's stored tokens read, {@link TokenSelection}
 * run. Every refusal comes before anything is written (INVALID_ARGUMENT, NOT_FOUND,
 * PERMISSION_DENIED, INSUFFICIENT_FUNDS, INSUFFICIENT_CHANGE).
 */
final class TransferPlanner {
  private final TxCalls calls;
  private final TxTransport transport;
  private final TokenSelection selection;
  private final IdealHolding ideal;
  private final String selfNode;
  private final LongSupplier clock;
  private final TokenReservations reservations;

  TransferPlanner(TxCalls calls, TxTransport transport, TokenSelection selection, IdealHolding ideal, String selfNode, LongSupplier clock,
                  TokenReservations reservations) {
    this.calls = calls;
    this.transport = transport;
    this.selection = selection;
    this.ideal = ideal;
    this.selfNode = selfNode;
    this.clock = clock;
    this.reservations = reservations;
  }

  /** The checks that need nothing but the request (also made before forwarding it to the payer's node). */
  static void checkRequest(TransferRequest request) {
    if (request.getAmountHundredths() <= 0) {
      throw JuiceException.invalidArgument("amountHundredths must be > 0, was " + request.getAmountHundredths());
    }
    if (request.getFromId().isBlank() || request.getToId().isBlank()) {
      throw JuiceException.invalidArgument("fromId and toId are required");
    }
    if (request.getFromId().equals(request.getToId())) {
      throw JuiceException.invalidArgument("a transfer needs two identities, fromId = toId = " + request.getFromId());
    }
    if (!request.getTxId().isEmpty()) {
      TxLogLayout.checkTxId(request.getTxId());
    }
  }

  /**
   * The plan of tx {@code txId}; its tokens (and the wissel when hundredths move) are reserved for it until its decision.
   * {@code knownPayer}: the payer as already read (verified) on this node, not read again; null = read it here.
   */
  Future<TxPlan> plan(String txId, TransferRequest request, IdentityView knownPayer) {
    Future<IdentityView> read = knownPayer != null ? Future.succeededFuture(knownPayer) : calls.identity("payer", request.getFromId());
    Future<IdentityView> payer = read.map(view -> {
      TxCalls.requireActive("payer", request.getFromId(), view);
      if (!view.getDocument().getHomeNode().equals(selfNode)) {
        throw JuiceException.notFound("payer " + request.getFromId() + " is not homed on node " + selfNode);
      }
      return view;
    });
    Future<String> payeeNode = !request.getToNode().isEmpty() && !transport.isMember(request.getToNode())
      ? Future.succeededFuture(request.getToNode())
      : calls.activeIdentity("payee", request.getToId()).map(view -> view.getDocument().getHomeNode());
    return Future.all(payer, payeeNode)
      .compose(v -> transport.quote(payeeNode.result(), TxQuoteRequest.newBuilder().setPayeeId(request.getToId()).build()))
      .compose(quote -> calls.held(request.getFromId()).map(held -> build(txId, request, payer.result(), payeeNode.result(), quote, held)));
  }

  private TxPlan build(String txId, TransferRequest request, IdentityView payer, String payeeNode, TxQuote quote, TokenHeldReply held) {
    List<Token> usable = reservations.available(held.getTokensList());
    Wallet wallet = Wallet.fromStored(usable, clock.getAsLong());
    DenominationVectorClock payeeClock = DenominationVectorClock.fromBytes(ideal.denominations(), quote.getVectorClock().toByteArray());
    OptionalInt payeeWissel = quote.getHasWissel() ? OptionalInt.of(quote.getWisselHundredths()) : OptionalInt.empty();
    PaymentPlan plan = selection.plan(wallet, payeeWissel, payeeClock, request.getAmountHundredths());
    Set<String> sent = new HashSet<>(plan.sentTokenIds());
    TxPlan.Builder tx = TxPlan.newBuilder()
      .setPayerId(request.getFromId()).setPayerKey(payer.getActivePublicKey()).setPayerNode(selfNode)
      .setPayeeId(request.getToId()).setPayeeKey(quote.getPayeeKey()).setPayeeNode(payeeNode)
      .setAmountHundredths(request.getAmountHundredths())
      .setUnitsSent(plan.sentUnits()).setChangeUnits(plan.changeUnits())
      .setHundredthsToPayee(plan.settlement().direction() == WisselSettlement.Direction.PAYEE_TO_PAYER
        ? -plan.settlement().hundredths() : plan.settlement().hundredths())
      .setPayerVectorClock(ByteString.copyFrom(DenominationVectorClock.of(ideal, wallet.regular()).toBytes()));
    List<String> reserved = new ArrayList<>(plan.sentTokenIds());
    for (Token t : usable) {
      if (sent.contains(t.getId())) {
        tx.addTokens(t);
      } else if (t.getWissel() && tx.getHundredthsToPayee() != 0) {
        reserved.add(t.getId());
      }
    }
    reservations.reserve(new ExchangeId(txId, TxRole.PAYER), reserved);
    return tx.build();
  }
}
