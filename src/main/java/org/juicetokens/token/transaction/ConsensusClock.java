package org.juicetokens.token.transaction;

import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeStatus;

import java.util.function.LongSupplier;

/**
 * The engine's clock: consensus time from foundation/time, kept as an offset from this process's
 * clock (refreshed on every reading), so a reading is a cheap addition on the event loop. Adequate =
 * VERIFIED or CONSENSUS (the time gate: no commit while INADEQUATE). Starts inadequate.
 */
final class ConsensusClock implements LongSupplier {
  private long offsetMs;
  private boolean adequate;
  private TimeStatus status = TimeStatus.TIME_STATUS_UNSPECIFIED;

  @Override
  public long getAsLong() {
    return System.currentTimeMillis() + offsetMs;
  }

  /** Takes a reading; answers whether the adequacy changed. */
  boolean update(TimeReading reading) {
    offsetMs = reading.getTimestampMs() - System.currentTimeMillis();
    status = reading.getStatus();
    boolean now = status == TimeStatus.VERIFIED || status == TimeStatus.CONSENSUS;
    boolean changed = now != adequate;
    adequate = now;
    return changed;
  }

  boolean adequate() {
    return adequate;
  }

  TimeStatus status() {
    return status;
  }

  long offsetMs() {
    return offsetMs;
  }
}
