package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.token.transaction.proto.TxTransition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One side of one exchange: the machinery both roles share. {@code rec} is the latest state (durable
 * or on its way to the log), {@code durable} the last record the shell acknowledged; everything said
 * to the other party about a decision is said from {@code durable}, and effects that depend on a
 * write wait in {@code waiting} until its {@link TxEvent.Persisted}. Single-threaded: the shell
 * feeds one event at a time (the verticle's event loop).
 */
abstract class Exchange {
  final ExchangeId id;
  final ExchangeSettings settings;
  final LongSupplier clock;
  final String selfNode;
  TxRecord.Builder rec;
  TxRecord durable;
  private long version;
  private final TreeMap<Long, Waiting> waiting = new TreeMap<>();
  /** Outstanding signature requests, by purpose: a late answer to a forgotten request is ignored. */
  final Map<String, byte[]> requested = new HashMap<>();
  private long retryDelayMs;
  List<TxEffect> out = new ArrayList<>();

  private record Waiting(TxRecord record, List<Runnable> after) {
  }

  Exchange(ExchangeId id, ExchangeSettings settings, LongSupplier clock, String selfNode) {
    this.id = id;
    this.settings = settings;
    this.clock = clock;
    this.selfNode = selfNode;
    this.retryDelayMs = settings.retryMs();
  }

  /** Starts collecting the effects of one event. */
  final List<TxEffect> begin() {
    out = new ArrayList<>();
    return out;
  }

  final List<TxEffect> handle(TxEvent event) {
    List<TxEffect> effects = begin();
    if (event instanceof TxEvent.Received received) {
      onMessage(received.message());
    } else if (event instanceof TxEvent.Persisted persisted) {
      onPersisted(persisted.version());
    } else if (event instanceof TxEvent.PersistFailed failed) {
      onPersistFailed(failed.version(), failed.reason());
    } else if (event instanceof TxEvent.Signed signed) {
      if (requested.remove(signed.purpose()) == null) {
        ignore("no signature of " + signed.purpose() + " is awaited");
      } else {
        onSigned(signed.purpose(), signed.signature());
      }
    } else if (event instanceof TxEvent.SignFailed failed) {
      if (requested.remove(failed.purpose()) == null) {
        ignore("no signature of " + failed.purpose() + " is awaited");
      } else {
        onSignFailed(failed.purpose(), failed.reason());
      }
    } else if (event instanceof TxEvent.TimerFired timer) {
      onTimer(timer.kind());
    } else if (event instanceof TxEvent.Reviewed reviewed) {
      onReviewed(reviewed);
    }
    return effects;
  }

  abstract void onMessage(TxMessage message);

  abstract void onSigned(String purpose, byte[] signature);

  abstract void onSignFailed(String purpose, String reason);

  abstract void onTimer(TimerKind kind);

  abstract void onPersistFailed(TxState failedState, String reason);

  void onReviewed(TxEvent.Reviewed reviewed) {
    ignore("only a payee reviews a proposal");
  }

  abstract String peerNode();

  abstract ByteString selfKey();

  final TxPlan plan() {
    return rec.getPlan();
  }

  final TxState state() {
    return rec.getState();
  }

  final long now() {
    return clock.getAsLong();
  }

  final boolean decided() {
    TxState s = rec.getState();
    return s == TxState.COMMITTED || s == TxState.ABORTED || s == TxState.FAILED;
  }

  final boolean durablyIn(TxState state) {
    return durable != null && durable.getState() == state;
  }

  final void transition(TxState state, String note) {
    rec.setState(state).addTimeline(TxTransition.newBuilder().setState(state).setAtMs(now()).setNote(note));
  }

  /** Moves to {@code state}, emits its write, and runs {@code after} (which may emit sends) once it is durable. */
  final void persist(TxState state, String note, TokenBatch batch, boolean sync, Runnable... after) {
    transition(state, note);
    version++;
    TxRecord record = rec.setVersion(version).build();
    waiting.put(version, new Waiting(record, new ArrayList<>(List.of(after))));
    out.add(new TxEffect.Persist(id, record, batch, sync));
  }

  private void onPersisted(long ackedVersion) {
    if (waiting.isEmpty() || waiting.firstKey() > ackedVersion) {
      ignore("version " + ackedVersion + " was already acknowledged");
      return;
    }
    while (!waiting.isEmpty() && waiting.firstKey() <= ackedVersion) {
      Waiting w = waiting.pollFirstEntry().getValue();
      durable = w.record();
      w.after().forEach(Runnable::run);
    }
  }

  private void onPersistFailed(long failedVersion, String reason) {
    Waiting w = waiting.remove(failedVersion);
    if (w == null) {
      ignore("version " + failedVersion + " is not awaited");
      return;
    }
    rec.setLastError("write of " + w.record().getState() + " failed: " + reason);
    onPersistFailed(w.record().getState(), reason);
  }

  /** A decision replaces whatever was still waiting to be said about the step before it. */
  final void dropWaitingEffects() {
    waiting.values().forEach(w -> w.after().clear());
  }

  /** Gives up: the log keeps what is durable, tokens stay as they are there, an operator (or a restart) resumes. */
  final void fail(String reason) {
    dropWaitingEffects();
    requested.clear();
    transition(TxState.FAILED, reason);
    cancelTimers();
    out.add(new TxEffect.Outcome(id, TxState.FAILED, ErrorCode.INTERNAL, reason));
  }

  final void resumeFrom(TxRecord record) {
    rec = record.toBuilder();
    durable = record;
    version = record.getVersion();
  }

  final TxMessage.Builder message() {
    return TxMessage.newBuilder().setTxId(id.txId()).setTimestampMs(now()).setSenderNode(selfNode).setSenderKey(selfKey());
  }

  final void send(TxMessage.Builder message) {
    out.add(new TxEffect.Send(id, peerNode(), message.build()));
  }

  final void requestSignature(byte[] bytes, String purpose) {
    requested.put(purpose, bytes);
    out.add(new TxEffect.RequestSignature(id, selfKey().toByteArray(), bytes, purpose));
  }

  final void ignore(String reason) {
    out.add(new TxEffect.Ignored(id, reason));
  }

  final void outcome(TxState state, ErrorCode code, String reason) {
    out.add(new TxEffect.Outcome(id, state, code, reason));
  }

  final void setTimer(TimerKind kind, long atMs) {
    out.add(new TxEffect.SetTimer(id, kind, atMs));
  }

  final void cancelTimers() {
    out.add(new TxEffect.CancelTimer(id, TimerKind.DEADLINE));
    out.add(new TxEffect.CancelTimer(id, TimerKind.RETRY));
  }

  /** Arms the next re-send with exponential back-off (retryMs, doubled up to maxRetryMs). */
  final void scheduleRetry() {
    setTimer(TimerKind.RETRY, now() + retryDelayMs);
    retryDelayMs = Math.min(retryDelayMs * 2, settings.maxRetryMs());
  }

  final void resetRetry() {
    retryDelayMs = settings.retryMs();
  }

  /** A token as it is kept by its new owner after the commit: active, unlocked, owned by {@code ownerId}. */
  static Token owned(Token token, String ownerId) {
    return token.toBuilder().setState(TokenState.ACTIVE).clearLockTxId().setOwnerId(ownerId).build();
  }

  /** A token on its way: provisional link appended, locked by the tx, in the new owner's name. */
  static Token inTransit(Token token, String newOwnerId, String txId) {
    return token.toBuilder().setState(TokenState.LOCKED).setLockTxId(txId).setOwnerId(newOwnerId).build();
  }

  static long units(List<Token> tokens) {
    long sum = 0;
    for (Token t : tokens) {
      sum += t.getDenomination();
    }
    return sum;
  }
}
