package org.juicetokens.foundation.time;

/**
 * One NTP-style measurement of a remote clock: t1 = local send, t2 = remote receive,
 * t3 = remote transmit, t4 = local receive (t1 and t4 from the node's own, possibly skewed,
 * clock). offset = ((t2 - t1) + (t3 - t4)) / 2 is "remote minus local" assuming a symmetric
 * path; its error is at most half the round trip (t4 - t1) - (t3 - t2).
 */
public record ClockOffset(long offsetMs, long roundTripMs) {

  public static ClockOffset of(long t1, long t2, long t3, long t4) {
    long offset = Math.floorDiv((t2 - t1) + (t3 - t4), 2);
    // millisecond timestamps can make a sub-millisecond round trip come out slightly negative
    long roundTrip = Math.max(0, (t4 - t1) - (t3 - t2));
    return new ClockOffset(offset, roundTrip);
  }
}
