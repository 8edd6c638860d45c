package org.juicetokens.token.transaction;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.token.transaction.proto.Packet;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The imperative shell around this node's {@link TransactionEngine}: performs every effect (one
 * atomic ledger write per Persist, sends, signatures, the payee's review, Vert.x timers on consensus
 * time, outcomes) and feeds back what happened; publishes a TransferEvent on TX_EVENTS and logs the
 * tx id and state at INFO for every state change; completes the TX_TRANSFER callers waiting on a
 * payer side. Everything runs on the transaction verticle's event loop (the engine is single-threaded).
 */
final class TxShell {
  private static final Logger LOG = LoggerFactory.getLogger(TxShell.class);

  private final Vertx vertx;
  private final String nodeId;
  private final TransactionEngine engine;
  private final ConsensusClock clock;
  private final TxCalls calls;
  private final TxTransport transport;
  private final PayeeDesk desk;
  private final TokenReservations reservations;
  private final PrecheckedVerifier verifier;
  private final TxMetrics metrics;
  private final ShellSettings settings;
  private final Instrumented instrumented;
  private final TxTimers timers;
  private final Map<ExchangeId, LiveSide> sides = new HashMap<>();
  private final TransferWaiters waiters;
  /** Messages for sides being read back from the log (see {@link #deliver}). */
  private final Map<ExchangeId, List<TxMessage>> loading = new HashMap<>();

  TxShell(Vertx vertx, String nodeId, ConsensusClock clock, TxCalls calls, TxTransport transport, PayeeDesk desk, TxMetrics metrics,
          ShellSettings settings, Instrumented instrumented, PrecheckedVerifier verifier, TokenReservations reservations) {
    this.vertx = vertx;
    this.timers = new TxTimers(vertx);
    this.nodeId = nodeId;
    this.clock = clock;
    this.calls = calls;
    this.transport = transport;
    this.desk = desk;
    this.reservations = reservations;
    this.metrics = metrics;
    this.settings = settings;
    this.instrumented = instrumented;
    this.verifier = verifier;
    this.engine = new TransactionEngine(nodeId, settings.exchange(), clock, verifier, clock.adequate());
    this.waiters = new TransferWaiters(vertx, settings.transferWaitMs());
  }

  void timeStatus(boolean adequate) {
    engine.timeStatus(adequate);
  }

  // ---- entry points --------------------------------------------------------------------------------

  /** Starts paying per {@code plan}; answers when the payer side's outcome is known. */
  Future<Transfer> start(String txId, TxPlan plan) {
    ExchangeId id = new ExchangeId(txId, TxRole.PAYER);
    List<TxEffect> effects;
    try {
      effects = engine.start(txId, plan);
    } catch (JuiceException e) {
      if (e.code() == ErrorCode.ALREADY_EXISTS) {
        return existing(txId).orElseGet(() -> Future.failedFuture(e));
      }
      throw e;
    }
    sides.put(id, new LiveSide(plan));
    Future<Transfer> answer = waiters.await(txId);
    perform(id, effects);
    return answer;
  }

  /** Ends the reservations of a plan the engine refused to start (a running exchange keeps its own). */
  void releaseUnstarted(String txId) {
    ExchangeId id = new ExchangeId(txId, TxRole.PAYER);
    if (engine.state(id).isEmpty()) {
      reservations.release(id);
    }
  }

  /** The answer for a tx id this node already pays (live or decided), if it knows one. */
  Optional<Future<Transfer>> existing(String txId) {
    ExchangeId id = new ExchangeId(txId, TxRole.PAYER);
    Optional<TxState> state = engine.state(id);
    if (state.isEmpty()) {
      Transfer unwritten = waiters.unwritten(txId);
      return unwritten == null ? Optional.empty() : Optional.of(TransferWaiters.answerOf(unwritten));
    }
    Optional<TxRecord> durable = engine.durableRecord(id);
    if (durable.isPresent() && TxViews.isDecision(durable.get().getState())) {
      LiveSide side = sides.get(id);
      return Optional.of(TransferWaiters.answerOf(TxViews.transfer(durable.get(), side == null ? null : side.code)));
    }
    Transfer unwritten = waiters.unwritten(txId);
    return Optional.of(unwritten != null ? TransferWaiters.answerOf(unwritten) : waiters.await(txId));
  }

  /** A message from the other party (bus or pipe); a packet it carries is verified on a worker first. */
  void receive(TxMessage message) {
    ExchangeId id = new ExchangeId(message.getTxId(), TransactionEngine.addressee(message));
    TxPlan plan = planOf(id);
    Packet packet = message.getBodyCase() == TxMessage.BodyCase.INITIATION ? message.getInitiation().getSExo()
      : message.getBodyCase() == TxMessage.BodyCase.PREPARATION && message.getPreparation().getRExo().getTokensCount() > 0
      ? message.getPreparation().getRExo() : null;
    if (packet == null || plan == null) {
      receiveVerified(id, message);
      return;
    }
    boolean fromPayer = message.getBodyCase() == TxMessage.BodyCase.INITIATION;
    byte[] from = (fromPayer ? plan.getPayerKey() : plan.getPayeeKey()).toByteArray();
    byte[] to = (fromPayer ? plan.getPayeeKey() : plan.getPayerKey()).toByteArray();
    verifier.precheck(packet, message.getTxId(), from, to).onComplete(v -> receiveVerified(id, message));
  }

  /** The plan this node knows for a side (live, or from its last durable record), or null. */
  private TxPlan planOf(ExchangeId id) {
    LiveSide side = sides.get(id);
    if (side != null && side.plan != null) {
      return side.plan;
    }
    return engine.durableRecord(id).map(TxRecord::getPlan).orElse(null);
  }

  private void receiveVerified(ExchangeId id, TxMessage message) {
    String type = message.getBodyCase().name().toLowerCase();
    if (settings.commitDelayMs() > 0 && message.getBodyCase() == TxMessage.BodyCase.PREPARATION
      && engine.state(id).orElse(null) == TxState.PREPARED) {
      LOG.info("[Transaction] tx {} DRILL: holding the Preparation {} ms before committing (tx.drill.commitDelayMs)",
        message.getTxId(), settings.commitDelayMs());
      metrics.message("in", type, "held");
      vertx.setTimer(settings.commitDelayMs(), t -> deliver(id, type, message));
      return;
    }
    deliver(id, type, message);
  }

  /**
   * Delivers to the engine; a message for a side it does not know (decided and closed before a
   * restart: no open/ marker) first takes that side up from its log record, so a payer that lost
   * the payee's Finalization, or a payee that lost the payer's Decision, still gets its answer from
   * what is durable here (and a query is answered by the recorded certificate, not a presumed abort).
   */
  private void deliver(ExchangeId id, String type, TxMessage message) {
    List<TxMessage> queued = loading.get(id);
    if (queued != null) {
      queued.add(message);
      return;
    }
    if (engine.state(id).isPresent() || message.getBodyCase() == TxMessage.BodyCase.PROPOSE || message.getTxId().isEmpty()
      || message.getBodyCase() == TxMessage.BodyCase.BODY_NOT_SET
      || settings.exchange().freshness().check(message.getTimestampMs(), clock.getAsLong()) != Freshness.Verdict.FRESH) {
      feed(id, type, message);
      return;
    }
    List<TxMessage> waitingHere = new ArrayList<>(List.of(message));
    loading.put(id, waitingHere);
    calls.walGet(TxLogLayout.recordKey(id.txId(), id.role())).onComplete(ar -> {
      loading.remove(id);
      if (ar.succeeded() && ar.result().getFound() && engine.state(id).isEmpty()) {
        try {
          resume(TxRecord.parseFrom(ar.result().getValue()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          LOG.error("[Transaction] tx {} {}: its log record does not decode: {}", id.txId(), id.role(), e.getMessage());
        }
      }
      waitingHere.forEach(m -> feed(id, m.getBodyCase().name().toLowerCase(), m));
    });
  }

  private void feed(ExchangeId id, String type, TxMessage message) {
    List<TxEffect> effects = engine.receive(message);
    String outcome = "accepted";
    for (TxEffect e : effects) {
      if (e instanceof TxEffect.Ignored ignored && effects.size() == 1) {
        outcome = IgnoredReasons.classOf(ignored.reason());
        LOG.debug("[Transaction] tx {} {} ignored: {}", message.getTxId(), type, ignored.reason());
      }
    }
    metrics.message("in", type, outcome);
    perform(id, effects);
  }

  /** Takes up a side from its durable record (recovery, before serving). */
  void resume(TxRecord record) {
    ExchangeId id = new ExchangeId(record.getTxId(), record.getRole());
    LiveSide side = new LiveSide(record.getPlan());
    side.state = record.getState();
    sides.put(id, side);
    LOG.info("[Transaction] tx {} {} resumed in {}", record.getTxId(), record.getRole(), record.getState());
    perform(id, engine.resume(record));
  }

  /** This node's view of the tx without reading the log: a live side, or a payer decided before writing anything. */
  Optional<Transfer> known(String txId) {
    for (TxRole role : List.of(TxRole.PAYER, TxRole.PAYEE)) {
      ExchangeId id = new ExchangeId(txId, role);
      LiveSide side = sides.get(id);
      Optional<TxState> state = engine.state(id);
      if (side != null && state.isPresent()) {
        TxRecord durable = engine.durableRecord(id).orElse(null);
        TxRecord view = durable != null ? durable.toBuilder().setState(state.get()).build()
          : TxRecord.newBuilder().setTxId(txId).setRole(role).setPlan(side.plan).setState(state.get()).build();
        return Optional.of(TxViews.transfer(view, side.code));
      }
    }
    return Optional.ofNullable(waiters.unwritten(txId));
  }

  ErrorCode codeOf(ExchangeId id) {
    LiveSide side = sides.get(id);
    return side == null ? null : side.code;
  }

  // ---- effects ---------------------------------------------------------------------------------------

  private void handle(ExchangeId id, TxEvent event) {
    perform(id, engine.handle(id, event));
  }

  private void perform(ExchangeId origin, List<TxEffect> effects) {
    Set<ExchangeId> touched = new LinkedHashSet<>();
    touched.add(origin);
    for (TxEffect effect : effects) {
      touched.add(effect.id());
      if (effect instanceof TxEffect.Persist p) {
        persist(p);
      } else if (effect instanceof TxEffect.Send s) {
        send(s);
      } else if (effect instanceof TxEffect.RequestSignature r) {
        sign(r);
      } else if (effect instanceof TxEffect.Review r) {
        LiveSide side = sides.computeIfAbsent(r.id(), k -> new LiveSide(r.proposal()));
        side.plan = r.proposal();
        desk.review(r.id(), r.proposal()).onComplete(ar -> {
          handle(r.id(), ar.succeeded() ? ar.result() : TxEvent.Reviewed.rejected("INTERNAL: " + ar.cause().getMessage()));
          if (engine.state(r.id()).map(TxViews::isDecision).orElse(true)) {
            // decided while the review ran (e.g. the deadline): its change was never used
            reservations.release(r.id());
          }
        });
      } else if (effect instanceof TxEffect.SetTimer t) {
        // engine times are consensus time; the delay is measured on it
        timers.set(t.id(), t.kind(), t.atMs() - clock.getAsLong(), () -> handle(t.id(), new TxEvent.TimerFired(t.kind())));
      } else if (effect instanceof TxEffect.CancelTimer t) {
        timers.cancel(t.id(), t.kind());
      } else if (effect instanceof TxEffect.Outcome o) {
        outcome(o);
      } else if (effect instanceof TxEffect.Ignored i) {
        LOG.debug("[Transaction] tx {} {}: ignored: {}", i.id().txId(), i.id().role(), i.reason());
      }
    }
    touched.forEach(this::noteState);
    metrics.live(LiveSide.byState(sides.values()), LiveSide.oldestInDoubtSince(sides.values()));
  }

  private void persist(TxEffect.Persist p) {
    TxRecord record = p.record();
    String owner = TxWrites.identityOf(record);
    String detail = "tx=" + record.getTxId() + " role=" + record.getRole() + " state=" + record.getState() + " version=" + record.getVersion();
    Future<Void> write = instrumented.run(Layer.TRANSACTION, "persist", detail, () -> owner.isEmpty()
      ? calls.storeBatch(TxWrites.walOnly(p, nodeId)).<Void>mapEmpty() : calls.apply(TxWrites.apply(p, nodeId)).<Void>mapEmpty());
    write.onComplete(ok -> handle(p.id(), new TxEvent.Persisted(record.getVersion())),
      failure -> {
        LOG.warn("[Transaction] tx {} {} write of {} failed: {}", record.getTxId(), record.getRole(), record.getState(), failure.getMessage());
        handle(p.id(), new TxEvent.PersistFailed(record.getVersion(), failure.getMessage()));
      });
  }

  private void send(TxEffect.Send s) {
    String type = s.message().getBodyCase().name().toLowerCase();
    transport.send(s.toNode(), s.message()).onComplete(
      via -> metrics.message("out", type, "sent"),
      failure -> {
        // the engine re-sends on its retry timer; a lost message is not an error of the exchange
        metrics.message("out", type, "unsent");
        LOG.debug("[Transaction] tx {} {} to {} not sent: {}", s.id().txId(), type, s.toNode(), failure.getMessage());
      });
  }

  private void sign(TxEffect.RequestSignature r) {
    LiveSide side = sides.get(r.id());
    String identity = side == null ? "" : r.id().role() == TxRole.PAYER ? side.plan.getPayerId() : side.plan.getPayeeId();
    if (identity.isEmpty()) {
      // a presumed abort knows only the payer's key: its identity is not known by id here
      vertx.runOnContext(v -> handle(r.id(), new TxEvent.SignFailed(r.purpose(), "no identity id for this side's key")));
      return;
    }
    instrumented.run(Layer.TRANSACTION, "sign", "tx=" + r.id().txId() + " purpose=" + r.purpose(), () -> calls.sign(identity, r.purpose(), r.bytes()))
      .onComplete(sig -> handle(r.id(), new TxEvent.Signed(r.purpose(), sig.getSignature().toByteArray())),
        failure -> handle(r.id(), new TxEvent.SignFailed(r.purpose(), failure.getMessage())));
  }



  private void outcome(TxEffect.Outcome o) {
    LiveSide side = sides.get(o.id());
    ErrorCode code = o.code();
    if (code == ErrorCode.CONFLICT && PayeeDesk.codeIn(o.reason()) != null) {
      code = PayeeDesk.codeIn(o.reason());
    }
    if (side != null) {
      side.code = code;
      side.note = o.reason();
      side.decided = true;
    }
    if (o.state() != TxState.IN_DOUBT) {
      reservations.release(o.id());
    }
    metrics.outcome(o.id().role(), o.state(), code, side == null ? 0 : System.nanoTime() - side.startNanos);
    LOG.info("[Transaction] tx {} {} outcome {}{}", o.id().txId(), o.id().role(), o.state(),
      code == null ? "" : " " + code + ": " + o.reason());
    if (o.id().role() != TxRole.PAYER || o.state() == TxState.IN_DOUBT) {
      return;
    }
    TxRecord durable = engine.durableRecord(o.id()).orElse(null);
    if (durable != null && durable.getState() == o.state()) {
      waiters.decided(TxViews.transfer(durable, code), true);
    } else {
      // the decision is not durable (e.g. FAILED writing it): answered from what this side knows, marked unwritten
      TxRecord unwritten = TxRecord.newBuilder().setTxId(o.id().txId()).setRole(TxRole.PAYER).setState(o.state())
        .setPlan(side == null ? TxPlan.getDefaultInstance() : side.plan).setLastError(o.reason()).build();
      waiters.decided(TxViews.transfer(unwritten, code), false);
    }
  }

  // ---- states and events ----------------------------------------------------------------------------

  private void noteState(ExchangeId id) {
    Optional<TxState> now = engine.state(id);
    LiveSide side = sides.get(id);
    if (now.isEmpty()) {
      return;
    }
    TxState state = now.get();
    if (side == null) {
      TxRecord durable = engine.durableRecord(id).orElse(null);
      if (durable == null || TxViews.isDecision(state)) {
        return;
      }
      side = new LiveSide(durable.getPlan());
      sides.put(id, side);
    }
    if (TxViews.isDecision(state) && !side.decided) {
      // the decision is only being written: its event (with the outcome's code) follows the Outcome, once durable
      return;
    }
    if (state != side.state) {
      side.state = state;
      long at = clock.getAsLong();
      if (state == TxState.IN_DOUBT && side.inDoubtSinceMs == 0) {
        side.inDoubtSinceMs = at;
      }
      LOG.info("[Transaction] [node: {}] tx {} {} -> {}", nodeId, id.txId(), id.role(), state);
      TransferEvent event = TxViews.event(id, side.plan, state, nodeId, at, side.note, side.code);
      metrics.event(event);
      vertx.eventBus().publish(Addresses.TX_EVENTS, event);
    }
    if (finished(id, state) && sides.remove(id) != null) {
      // late duplicates within the deadline still meet the exchange in memory; after that its log answers
      vertx.setTimer(settings.exchange().deadlineMs() + settings.exchange().freshness().maxAgeMs(), t -> engine.forget(id));
    }
  }

  private boolean finished(ExchangeId id, TxState state) {
    if (state == TxState.ABORTED || state == TxState.FAILED) {
      return true;
    }
    return state == TxState.COMMITTED && (id.role() == TxRole.PAYEE
      || engine.durableRecord(id).map(TxRecord::getFinalized).orElse(false));
  }
}
