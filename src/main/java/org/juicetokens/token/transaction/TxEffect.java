package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxState;

/**
 * What the engine asks its shell to do. Plain values; the shell performs them in the order given.
 * A {@link Send} that depends on a {@link Persist} is only emitted after that persist was
 * acknowledged ({@link TxEvent.Persisted}), so a decision is always durable before it is sent.
 */
public sealed interface TxEffect {
  ExchangeId id();

  /** Write {@code record} and {@code batch} as one atomic write (fsync'ed when {@code sync}), then answer {@link TxEvent.Persisted}. */
  record Persist(ExchangeId id, TxRecord record, TokenBatch batch, boolean sync) implements TxEffect {
  }

  record Send(ExchangeId id, String toNode, TxMessage message) implements TxEffect {
  }

  /** Have the custodial identity of {@code signerKey} sign {@code bytes}; answer {@link TxEvent.Signed} with the purpose. */
  record RequestSignature(ExchangeId id, byte[] signerKey, byte[] bytes, String purpose) implements TxEffect {
  }

  /** Payee: check the proposal and choose the change; answer {@link TxEvent.Reviewed}. */
  record Review(ExchangeId id, TxPlan proposal) implements TxEffect {
  }

  /** (Re)arm the timer {@code kind} of this tx to fire at consensus time {@code atMs}. */
  record SetTimer(ExchangeId id, TimerKind kind, long atMs) implements TxEffect {
  }

  record CancelTimer(ExchangeId id, TimerKind kind) implements TxEffect {
  }

  /** The exchange reached {@code state} on this side (COMMITTED, ABORTED, FAILED or IN_DOUBT); {@code code} why when not committed. */
  record Outcome(ExchangeId id, TxState state, ErrorCode code, String reason) implements TxEffect {
  }

  /** A message or event that was refused or had no effect (stale, unknown tx, bad certificate...); for metrics and logs. */
  record Ignored(ExchangeId id, String reason) implements TxEffect {
  }
}
