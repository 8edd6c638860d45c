package org.juicetokens.transport.pipe;

import java.util.function.DoubleSupplier;

/**
 * Reconnection delays: {@code min · 2^attempt} capped at {@code max}, each shortened by up to a
 * fifth at random so that clients cut off together do not come back together. Attempt 0 waits
 * between 0.8·min and min; {@link #reset} after a successful connection.
 */
public final class Backoff {
  static final double JITTER = 0.2;

  private final long minMs;
  private final long maxMs;
  private final DoubleSupplier random;
  private int attempt;

  public Backoff(long minMs, long maxMs, DoubleSupplier random) {
    if (minMs <= 0 || maxMs < minMs) {
      throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + minMs + ", " + maxMs);
    }
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /** The delay before the next attempt; counts the attempt. */
  public long nextDelayMs() {
    long base = attempt >= 62 ? maxMs : Math.min(maxMs, minMs << Math.min(attempt, 30));
    if (base < 0) {
      base = maxMs;
    }
    attempt++;
    return Math.max(1, Math.round(base * (1.0 - JITTER * random.getAsDouble())));
  }

  public int attempts() {
    return attempt;
  }

  public void reset() {
    attempt = 0;
  }
}
