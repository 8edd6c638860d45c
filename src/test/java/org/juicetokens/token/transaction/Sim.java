package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.transaction.proto.Certificate;
import org.juicetokens.token.transaction.proto.CertificateBody;
import org.juicetokens.token.transaction.proto.TxDecision;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A fake world for the engine: two nodes (durable token store and log, pending writes and
 * signatures, timers), a network that can drop, duplicate, reorder and delay, one fake clock.
 * Every effect is checked against the protocol's invariants as it happens; a violation throws.
 */
final class Sim {
  static final String TX = "tx-1";
  final ExchangeFixture fx;
  long now = ExchangeFixture.T0;
  final Node payer;
  final Node payee;
  final List<InFlight> network = new ArrayList<>();
  final Map<String, Set<TxDecision>> certificatesSeen = new HashMap<>();
  final ExchangeSettings settings = ExchangeSettings.defaults();
  boolean timeAdequate = true;

  record InFlight(String to, TxMessage message) {
  }

  record TimerKey(ExchangeId id, TimerKind kind) {
  }

  final class Node {
    final String name;
    final Map<String, Token> tokens = new TreeMap<>();
    final Map<ExchangeId, TxRecord> log = new HashMap<>();
    final Map<ByteString, Ed25519.PrivateKey> keys = new HashMap<>();
    final Deque<TxEffect.Persist> pendingPersists = new ArrayDeque<>();
    final Deque<TxEffect.RequestSignature> pendingSigns = new ArrayDeque<>();
    final Map<TimerKey, Long> timers = new LinkedHashMap<>();
    final List<TxEffect.Outcome> outcomes = new ArrayList<>();
    final List<TxEffect.Ignored> ignored = new ArrayList<>();
    final List<TxMessage> sent = new ArrayList<>();
    int wissel = 100;
    Function<TxPlan, TxEvent.Reviewed> reviewer = p -> TxEvent.Reviewed.accepted(new byte[] {1}, List.of());
    TransactionEngine engine;

    Node(String name, Ed25519.PrivateKey key, List<Token> held) {
      this.name = name;
      keys.put(ByteString.copyFrom(key.publicKey()), key);
      held.forEach(t -> tokens.put(t.getId(), t));
      engine = newEngine();
    }

    TransactionEngine newEngine() {
      return new TransactionEngine(name, settings, () -> now, new TelomerePacketVerifier(settings.tailLinks(), null), timeAdequate);
    }

    void apply(List<TxEffect> effects) {
      for (TxEffect effect : effects) {
        Sim.this.apply(this, effect);
      }
    }

    void crashAndResume() {
      crashAndResume(false);
    }

    /** The process dies and restarts from its log; {@code writesLand}: its pending writes reached the disk, unacknowledged. */
    void crashAndResume(boolean writesLand) {
      while (writesLand && !pendingPersists.isEmpty()) {
        write(this, pendingPersists.poll());
      }
      engine = newEngine();
      pendingPersists.clear();
      pendingSigns.clear();
      timers.clear();
      for (TxRecord record : List.copyOf(log.values())) {
        apply(engine.resume(record));
      }
    }

    TxState durableState(TxRole role) {
      TxRecord r = log.get(new ExchangeId(TX, role));
      return r == null ? null : r.getState();
    }

    long units() {
      return Exchange.units(List.copyOf(tokens.values()));
    }

    boolean anyLocked() {
      return tokens.values().stream().anyMatch(t -> t.getState() == TokenState.LOCKED);
    }
  }

  Sim(long seed, List<Token> payerHolds, List<Token> payeeHolds) {
    fx = new ExchangeFixture(seed);
    payer = new Node("node-p", fx.payerKey, payerHolds);
    payee = new Node("node-r", fx.payeeKey, payeeHolds);
  }

  Node node(String name) {
    return name.equals(payer.name) ? payer : payee;
  }

  void start(TxPlan plan) {
    payer.apply(payer.engine.start(TX, plan));
  }

  void setTimeAdequate(boolean adequate) {
    timeAdequate = adequate;
    payer.engine.timeStatus(adequate);
    payee.engine.timeStatus(adequate);
  }

  // ---- effects, with the invariants checked as they happen -------------------------------------

  private void apply(Node n, TxEffect effect) {
    if (effect instanceof TxEffect.Persist p) {
      TxRecord r = p.record();
      if (r.getState() == TxState.COMMITTED) {
        Certificates.Verdict v = Certificates.verifyCommit(r.getCertificate(), r.getPlan().getPayerKey().toByteArray(), r.getTxId(),
          r.getSExo(), r.hasRExo() ? r.getRExo() : null);
        check(v.valid(), n.name + " writes COMMITTED without a valid commit certificate: " + v.problem());
      }
      n.pendingPersists.add(p);
    } else if (effect instanceof TxEffect.Send s) {
      checkDurableBeforeSend(n, s);
      n.sent.add(s.message());
      network.add(new InFlight(s.toNode(), s.message()));
    } else if (effect instanceof TxEffect.RequestSignature r) {
      n.pendingSigns.add(r);
    } else if (effect instanceof TxEffect.Review r) {
      n.apply(n.engine.handle(r.id(), n.reviewer.apply(r.proposal())));
    } else if (effect instanceof TxEffect.SetTimer t) {
      n.timers.put(new TimerKey(t.id(), t.kind()), t.atMs());
    } else if (effect instanceof TxEffect.CancelTimer t) {
      n.timers.remove(new TimerKey(t.id(), t.kind()));
    } else if (effect instanceof TxEffect.Outcome o) {
      n.outcomes.add(o);
    } else if (effect instanceof TxEffect.Ignored i) {
      n.ignored.add(i);
    }
  }

  private void checkDurableBeforeSend(Node n, TxEffect.Send s) {
    TxMessage m = s.message();
    TxRecord r = n.log.get(s.id());
    switch (m.getBodyCase()) {
      case COMMITMENT, DECISION -> {
        Certificate c = m.getBodyCase() == TxMessage.BodyCase.COMMITMENT ? m.getCommitment().getCertificate() : m.getDecision().getCertificate();
        seen(c);
        check(r != null && r.getCertificate().equals(c), n.name + " sends a certificate its log does not hold");
      }
      case INITIATION -> check(r != null && r.getState() == TxState.PREPARED && r.getSExo().equals(m.getInitiation().getSExo()),
        n.name + " sends Initiation before PREPARED + sRetro are durable");
      case PREPARATION -> check(r != null && EnumSet.of(TxState.PREPARED, TxState.IN_DOUBT).contains(r.getState())
          && r.getRExo().equals(m.getPreparation().getRExo()),
        n.name + " sends Preparation before PREPARED + rRetro are durable");
      default -> {
      }
    }
  }

  private void seen(Certificate certificate) {
    try {
      CertificateBody body = CertificateBody.parseFrom(certificate.getBody());
      Set<TxDecision> decisions = certificatesSeen.computeIfAbsent(body.getTxId(), k -> new HashSet<>());
      decisions.add(body.getDecision());
      check(decisions.size() == 1, "both a commit and an abort certificate exist for " + body.getTxId());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  static void check(boolean ok, String violation) {
    if (!ok) {
      throw new AssertionError(violation);
    }
  }

  // ---- the world's moves ------------------------------------------------------------------------

  /** Makes the oldest pending write of {@code n} durable (token batch and record together) and acknowledges it. */
  void completePersist(Node n) {
    TxEffect.Persist p = n.pendingPersists.poll();
    String failure = write(n, p);
    n.apply(n.engine.handle(p.id(), failure == null ? new TxEvent.Persisted(p.record().getVersion())
      : new TxEvent.PersistFailed(p.record().getVersion(), failure)));
  }

  /** Applies one write atomically (token batch and record) and checks the invariants; null, or why it was refused. */
  private String write(Node n, TxEffect.Persist p) {
    TokenBatch b = p.batch();
    for (String id : b.lock()) {
      Token t = n.tokens.get(id);
      if (t == null || t.getState() != TokenState.ACTIVE) {
        return "token " + id + " is not ACTIVE here";
      }
    }
    if (p.record().hasCertificate()) {
      seen(p.record().getCertificate());
    }
    for (String id : b.lock()) {
      n.tokens.put(id, n.tokens.get(id).toBuilder().setState(TokenState.LOCKED).setLockTxId(p.id().txId()).build());
    }
    b.remove().forEach(n.tokens::remove);
    b.put().forEach(t -> n.tokens.put(t.getId(), t));
    n.wissel += b.wisselDeltaHundredths();
    n.log.put(p.id(), p.record());
    checkAgreement();
    for (Token t : n.tokens.values()) {
      if (t.getState() == TokenState.LOCKED && t.getLockTxId().equals(p.id().txId())) {
        TxRecord r = n.log.get(new ExchangeId(t.getLockTxId(), p.id().role()));
        TxRecord other = n.log.get(new ExchangeId(t.getLockTxId(), p.id().role() == TxRole.PAYER ? TxRole.PAYEE : TxRole.PAYER));
        check((r != null && undecided(r)) || (other != null && undecided(other)), n.name + " keeps token " + t.getId() + " locked after deciding");
      }
    }
    return null;
  }

  private static boolean undecided(TxRecord r) {
    return r.getState() == TxState.PREPARED || r.getState() == TxState.IN_DOUBT;
  }

  /** Never one side durably COMMITTED and the other durably ABORTED. */
  void checkAgreement() {
    TxState p = payer.durableState(TxRole.PAYER);
    TxState r = payee.durableState(TxRole.PAYEE);
    check(!(p == TxState.COMMITTED && r == TxState.ABORTED) && !(p == TxState.ABORTED && r == TxState.COMMITTED),
      "payer " + p + " but payee " + r);
  }

  void completeSign(Node n) {
    TxEffect.RequestSignature r = n.pendingSigns.poll();
    Ed25519.PrivateKey key = n.keys.get(ByteString.copyFrom(r.signerKey()));
    TxEvent event = key == null ? new TxEvent.SignFailed(r.purpose(), "not a custodial key here")
      : new TxEvent.Signed(r.purpose(), key.sign(r.bytes()));
    n.apply(n.engine.handle(r.id(), event));
  }

  void deliver(int index) {
    InFlight f = network.remove(index);
    Node n = node(f.to());
    n.apply(n.engine.receive(f.message()));
  }

  void fireNextTimer() {
    Node n = null;
    TimerKey key = null;
    long at = Long.MAX_VALUE;
    for (Node candidate : List.of(payer, payee)) {
      for (Map.Entry<TimerKey, Long> e : candidate.timers.entrySet()) {
        if (e.getValue() < at) {
          at = e.getValue();
          key = e.getKey();
          n = candidate;
        }
      }
    }
    n.timers.remove(key);
    now = Math.max(now, at);
    n.apply(n.engine.handle(key.id(), new TxEvent.TimerFired(key.kind())));
  }

  /** Fires every timer of {@code n} that is due by now (those it re-arms are not due yet). */
  void fireDueTimers(Node n) {
    for (Map.Entry<TimerKey, Long> e : List.copyOf(n.timers.entrySet())) {
      if (e.getValue() <= now && n.timers.remove(e.getKey()) != null) {
        n.apply(n.engine.handle(e.getKey().id(), new TxEvent.TimerFired(e.getKey().kind())));
      }
    }
  }

  boolean anyTimer() {
    return !payer.timers.isEmpty() || !payee.timers.isEmpty();
  }

  /** One step of a well-behaved world: writes, then signatures, then messages in order, then the next timer. False when quiet. */
  boolean step() {
    for (Node n : List.of(payer, payee)) {
      if (!n.pendingPersists.isEmpty()) {
        completePersist(n);
        return true;
      }
      if (!n.pendingSigns.isEmpty()) {
        completeSign(n);
        return true;
      }
    }
    if (!network.isEmpty()) {
      deliver(0);
      return true;
    }
    if (anyTimer()) {
      fireNextTimer();
      return true;
    }
    return false;
  }

  /** Steps until quiet (or {@code maxSteps}); returns the steps taken. */
  int runUntilQuiet(int maxSteps) {
    int steps = 0;
    while (steps < maxSteps && step()) {
      steps++;
    }
    return steps;
  }

  /** Steps until {@code condition} holds (or quiet, or {@code maxSteps}). */
  void runUntil(java.util.function.BooleanSupplier condition, int maxSteps) {
    int steps = 0;
    while (!condition.getAsBoolean() && steps++ < maxSteps && step()) {
      // stepping
    }
  }
}
