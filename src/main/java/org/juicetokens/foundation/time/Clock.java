package org.juicetokens.foundation.time;

/**
 * The node's local clock in epoch milliseconds. Every time source is measured against it and
 * consensus time is this clock plus the consensus offset, so a skewed clock
 * ({@link SkewedClock}) looks wrong to NTP and to the peers exactly as a real bad clock would.
 */
@FunctionalInterface
public interface Clock {
  long nowMs();
}
