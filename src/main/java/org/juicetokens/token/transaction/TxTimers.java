package org.juicetokens.token.transaction;

import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.Map;

/**
 * The engine's timers as Vert.x timers: at most one per exchange side and kind (re-arming replaces
 * it), fired on the shell's event loop. A timer cancelled or replaced after Vert.x queued it does
 * not fire (its id no longer matches). Single-threaded, like the shell.
 */
final class TxTimers {
  private record Key(ExchangeId id, TimerKind kind) {
  }

  private final Vertx vertx;
  private final Map<Key, Long> armed = new HashMap<>();

  TxTimers(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Arms (or re-arms) the timer {@code kind} of {@code id} to run {@code fired} after {@code delayMs} (at least 1 ms). */
  void set(ExchangeId id, TimerKind kind, long delayMs, Runnable fired) {
    Key key = new Key(id, kind);
    cancel(id, kind);
    long[] self = new long[1];
    self[0] = vertx.setTimer(Math.max(1, delayMs), t -> {
      if (armed.remove(key, self[0])) {
        fired.run();
      }
    });
    armed.put(key, self[0]);
  }

  void cancel(ExchangeId id, TimerKind kind) {
    Long timer = armed.remove(new Key(id, kind));
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
