package org.juicetokens.foundation.time;

/** The system clock shifted by {@code time.skewMs} (0 in production; drills and tests set it). */
public final class SkewedClock implements Clock {
  private final long skewMs;

  public SkewedClock(long skewMs) {
    this.skewMs = skewMs;
  }

  @Override
  public long nowMs() {
    return System.currentTimeMillis() + skewMs;
  }

  public long skewMs() {
    return skewMs;
  }
}
