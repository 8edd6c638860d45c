package org.juicetokens.foundation.dht;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The latest {@code capacity} latencies of one operation, for p50/p99 in the DHT stats: a
 * lock-free ring (writers from any thread), read by copying and sorting on demand (rare: the
 * admin snapshot). Bounded memory whatever the traffic; old samples are overwritten.
 */
public final class LatencyWindow {
  private final AtomicLongArray samples;
  private final AtomicLong written = new AtomicLong();

  public LatencyWindow(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0");
    }
    this.samples = new AtomicLongArray(capacity);
  }

  public void record(long nanos) {
    long slot = written.getAndIncrement();
    samples.set((int) (slot % samples.length()), Math.max(0, nanos));
  }

  /** How many samples were ever recorded. */
  public long count() {
    return written.get();
  }

  /**
   * The {@code quantile} (0..1) of the retained samples in milliseconds, nearest-rank; 0 when
   * nothing was recorded.
   */
  public double quantileMs(double quantile) {
    int size = (int) Math.min(written.get(), samples.length());
    if (size == 0) {
      return 0.0;
    }
    long[] copy = new long[size];
    for (int i = 0; i < size; i++) {
      copy[i] = samples.get(i);
    }
    Arrays.sort(copy);
    int rank = (int) Math.ceil(Math.max(0.0, Math.min(1.0, quantile)) * size);
    return copy[Math.max(0, rank - 1)] / 1e6;
  }
}
