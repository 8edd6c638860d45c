package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The four-packet exchange of one node as a pure state machine (PROTOCOL.md §Transactions):
 * events in, {@link TxEffect}s out, no I/O, no threads, time only through the injected consensus
 * clock. The node's shell (the verticle) performs the effects (one atomic write per
 * {@link TxEffect.Persist}, sends, signatures, timers) and feeds back what happened. It holds every
 * exchange this node is a party to, payer or payee (both, for a payment between two identities of
 * one node), routes messages by tx id and role, refuses stale ones, and answers a payee's query
 * about a tx it has no record of with a presumed abort. Single-threaded: call it from one thread
 * (an event loop).
 */
public final class TransactionEngine {
  private final String nodeId;
  private final ExchangeSettings settings;
  private final LongSupplier clock;
  private final PacketVerifier verifier;
  private final Map<ExchangeId, Exchange> exchanges = new HashMap<>();
  private boolean timeAdequate;

  /**
   * @param clock        consensus time in ms (foundation/time), never the raw system clock
   * @param timeAdequate the time status at creation: VERIFIED or CONSENSUS (true) or INADEQUATE
   */
  public TransactionEngine(String nodeId, ExchangeSettings settings, LongSupplier clock, PacketVerifier verifier, boolean timeAdequate) {
    this.nodeId = nodeId;
    this.settings = settings;
    this.clock = clock;
    this.verifier = verifier;
    this.timeAdequate = timeAdequate;
  }

  /** The time status changed (the time gate: no commit while INADEQUATE; preparing is allowed in any status). */
  public void timeStatus(boolean adequate) {
    this.timeAdequate = adequate;
  }

  /**
   * Starts paying per {@code plan} (made by the node's token selection). A plan without a deadline
   * gets now + deadlineMs.
   *
   * @throws JuiceException INVALID_ARGUMENT for an unsound plan, ALREADY_EXISTS for a known tx id
   */
  public List<TxEffect> start(String txId, TxPlan plan) {
    ExchangeId id = new ExchangeId(txId, TxRole.PAYER);
    if (exchanges.containsKey(id)) {
      throw new JuiceException(ErrorCode.ALREADY_EXISTS, "tx " + txId + " already exists");
    }
    TxPlan dated = plan.getDeadlineMs() == 0 ? plan.toBuilder().setDeadlineMs(clock.getAsLong() + settings.deadlineMs()).build() : plan;
    String problem = Plans.payerProblem(txId, dated, clock.getAsLong(), settings);
    if (problem != null) {
      throw JuiceException.invalidArgument("payment plan: " + problem);
    }
    PayerExchange payer = new PayerExchange(txId, settings, clock, nodeId, verifier, () -> timeAdequate);
    exchanges.put(id, payer);
    return payer.start(dated);
  }

  /** A message from another party (or another identity of this node). */
  public List<TxEffect> receive(TxMessage message) {
    TxRole role = addressee(message);
    ExchangeId id = new ExchangeId(message.getTxId(), role);
    long now = clock.getAsLong();
    if (role == TxRole.TX_ROLE_UNSPECIFIED || message.getTxId().isEmpty()) {
      return List.of(new TxEffect.Ignored(id, "a message without tx id or body"));
    }
    Freshness.Verdict fresh = settings.freshness().check(message.getTimestampMs(), now);
    if (fresh != Freshness.Verdict.FRESH) {
      return List.of(new TxEffect.Ignored(id, fresh + ": " + settings.freshness().explain(message.getTimestampMs(), now)));
    }
    Exchange exchange = exchanges.get(id);
    if (exchange != null) {
      if (!message.getSenderKey().equals(role == TxRole.PAYER ? exchange.plan().getPayeeKey() : exchange.plan().getPayerKey())) {
        return List.of(new TxEffect.Ignored(id, "sent by another key than the other party's"));
      }
      return exchange.handle(new TxEvent.Received(message));
    }
    if (message.getBodyCase() == TxMessage.BodyCase.PROPOSE && message.getSenderKey().equals(message.getPropose().getPlan().getPayerKey())) {
      PayeeExchange payee = new PayeeExchange(message.getTxId(), settings, clock, nodeId, verifier);
      exchanges.put(id, payee);
      return payee.propose(message);
    }
    if (message.getBodyCase() == TxMessage.BodyCase.QUERY && message.getQuery().getPayerKey().size() == Ed25519.PUBLIC_KEY_BYTES
      && message.getSenderKey().size() == Ed25519.PUBLIC_KEY_BYTES) {
      PayerExchange payer = new PayerExchange(message.getTxId(), settings, clock, nodeId, verifier, () -> timeAdequate);
      exchanges.put(id, payer);
      return payer.presumeAbort(message);
    }
    return List.of(new TxEffect.Ignored(id, "no exchange for " + message.getBodyCase()));
  }

  /** Anything else that happened to an exchange: a write acknowledged or failed, a signature, a timer, a review. */
  public List<TxEffect> handle(ExchangeId id, TxEvent event) {
    if (event instanceof TxEvent.Received received) {
      return receive(received.message());
    }
    Exchange exchange = exchanges.get(id);
    if (exchange == null) {
      return List.of(new TxEffect.Ignored(id, "no exchange"));
    }
    return exchange.handle(event);
  }

  /**
   * Takes up an exchange from its last durable record (at start, before serving): a payer
   * re-sends its decision or aborts a PREPARED exchange past its deadline; a prepared payee asks.
   */
  public List<TxEffect> resume(TxRecord record) {
    ExchangeId id = new ExchangeId(record.getTxId(), record.getRole());
    if (record.getRole() == TxRole.PAYER) {
      PayerExchange payer = new PayerExchange(record.getTxId(), settings, clock, nodeId, verifier, () -> timeAdequate);
      exchanges.put(id, payer);
      return payer.resume(record);
    }
    if (record.getRole() == TxRole.PAYEE) {
      PayeeExchange payee = new PayeeExchange(record.getTxId(), settings, clock, nodeId, verifier);
      exchanges.put(id, payee);
      return payee.resume(record);
    }
    throw JuiceException.invalidArgument("tx record " + record.getTxId() + " has no role");
  }

  /**
   * Drops a decided exchange from memory (a long-running node would otherwise keep every exchange
   * it ever took part in); from then on the shell answers for it from its log record (resumed on
   * the next message). Refused (false) while undecided or while a payer still waits for the payee's
   * Finalization; false for an unknown id.
   */
  public boolean forget(ExchangeId id) {
    Exchange exchange = exchanges.get(id);
    if (exchange == null || !exchange.decided()) {
      return false;
    }
    if (exchange.state() == TxState.COMMITTED && id.role() == TxRole.PAYER
      && (exchange.durable == null || !exchange.durable.getFinalized())) {
      return false;
    }
    exchanges.remove(id);
    return true;
  }

  /** The exchange's current state (durable or on its way), if known. */
  public Optional<TxState> state(ExchangeId id) {
    return Optional.ofNullable(exchanges.get(id)).map(Exchange::state);
  }

  /** The exchange's last durable record, if any. */
  public Optional<TxRecord> durableRecord(ExchangeId id) {
    return Optional.ofNullable(exchanges.get(id)).map(e -> e.durable);
  }

  /** The side a message is for: the payee for Propose/Initiation/Commitment/Decision, else the payer (UNSPECIFIED without a body). */
  static TxRole addressee(TxMessage message) {
    return switch (message.getBodyCase()) {
      case PROPOSE, INITIATION, COMMITMENT, DECISION -> TxRole.PAYEE;
      case ACCEPT, REJECT, PREPARATION, FINALIZATION, QUERY -> TxRole.PAYER;
      case BODY_NOT_SET -> TxRole.TX_ROLE_UNSPECIFIED;
    };
  }
}
