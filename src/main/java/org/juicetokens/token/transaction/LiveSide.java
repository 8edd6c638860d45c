package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxState;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** What the shell knows of a live exchange side: its plan (for events), state, start, outcome, and since when it is IN_DOUBT. */
final class LiveSide {
  TxPlan plan;
  TxState state;
  final long startNanos = System.nanoTime();
  long inDoubtSinceMs;
  ErrorCode code;
  String note = "";
  /** The engine's Outcome arrived: the decision is durable and its code known (a final event waits for it). */
  boolean decided;

  LiveSide(TxPlan plan) {
    this.plan = plan;
  }

  /** Live sides by their current state (sides without one yet are not counted). */
  static Map<TxState, Long> byState(Collection<LiveSide> sides) {
    Map<TxState, Long> byState = new EnumMap<>(TxState.class);
    for (LiveSide side : sides) {
      if (side.state != null) {
        byState.merge(side.state, 1L, Long::sum);
      }
    }
    return byState;
  }

  /** When the longest-waiting IN_DOUBT side became so (consensus ms), 0 when none is. */
  static long oldestInDoubtSince(Collection<LiveSide> sides) {
    long oldest = 0;
    for (LiveSide side : sides) {
      if (side.state == TxState.IN_DOUBT && (oldest == 0 || side.inDoubtSinceMs < oldest)) {
        oldest = side.inDoubtSinceMs;
      }
    }
    return oldest;
  }
}
