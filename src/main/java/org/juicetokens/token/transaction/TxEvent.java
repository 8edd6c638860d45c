package org.juicetokens.token.transaction;

import org.juicetokens.token.proto.Token;
import org.juicetokens.token.transaction.proto.TxMessage;

import java.util.List;

/**
 * What happens to one exchange, fed to {@link TransactionEngine} by its shell (the verticle): a
 * message arrived, a write was made durable (or failed), a signature came back, a timer fired, the
 * payee's node reviewed a proposal. Events never carry a clock reading: the engine reads consensus
 * time through its injected clock.
 */
public sealed interface TxEvent {
  record Received(TxMessage message) implements TxEvent {
  }

  /** The {@link TxEffect.Persist} of this record version (and every earlier one) is durable. */
  record Persisted(long version) implements TxEvent {
  }

  /** The {@link TxEffect.Persist} of this version was not applied (e.g. a token to lock is no longer ACTIVE). */
  record PersistFailed(long version, String reason) implements TxEvent {
  }

  record Signed(String purpose, byte[] signature) implements TxEvent {
  }

  record SignFailed(String purpose, String reason) implements TxEvent {
  }

  record TimerFired(TimerKind kind) implements TxEvent {
  }

  /**
   * The payee's node answer to {@link TxEffect.Review}: accept with its vector clock and the change
   * tokens it hands back (worth the proposal's change units, chosen by its token selection), or reject.
   */
  record Reviewed(boolean accept, byte[] payeeVectorClock, List<Token> change, String rejectReason) implements TxEvent {
    public Reviewed {
      change = change == null ? List.of() : List.copyOf(change);
      payeeVectorClock = payeeVectorClock == null ? new byte[0] : payeeVectorClock;
      rejectReason = rejectReason == null ? "" : rejectReason;
    }

    public static Reviewed accepted(byte[] vectorClock, List<Token> change) {
      return new Reviewed(true, vectorClock, change, "");
    }

    public static Reviewed rejected(String reason) {
      return new Reviewed(false, null, List.of(), reason);
    }
  }
}
