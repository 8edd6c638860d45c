package org.juicetokens.node.demo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What the driver has done so far, counted from its worker threads, and the status line it prints. */
public final class DemoStats {
  final AtomicLong transfersCommitted = new AtomicLong();
  final AtomicLong transfersRefused = new AtomicLong();
  final AtomicLong attestations = new AtomicLong();
  final AtomicLong eggsGenerated = new AtomicLong();
  final AtomicLong eggsFertilized = new AtomicLong();
  final AtomicLong eggsHatched = new AtomicLong();
  final AtomicLong renewals = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong actions = new AtomicLong();
  final AtomicReference<String> lastError = new AtomicReference<>("");

  void error(String what) {
    errors.incrementAndGet();
    lastError.set(what.length() > 160 ? what.substring(0, 160) + "…" : what);
  }

  public long transfersCommitted() {
    return transfersCommitted.get();
  }

  /** {@code "[  25s] transfers 40 committed, 2 refused | attestations 8 | eggs 4 generated ... | 4.9 actions/s"}. */
  String statusLine(long elapsedSeconds) {
    double rate = elapsedSeconds == 0 ? 0 : (double) actions.get() / elapsedSeconds;
    String line = String.format("[%4ds] transfers %d committed, %d refused | attestations %d | eggs %d generated, %d fertilized, %d hatched"
        + " | renewals %d | errors %d | %.1f actions/s", elapsedSeconds, transfersCommitted.get(), transfersRefused.get(),
      attestations.get(), eggsGenerated.get(), eggsFertilized.get(), eggsHatched.get(), renewals.get(), errors.get(), rate);
    if (skipped.get() > 0) {
      line += " (" + skipped.get() + " ticks skipped: calls still running)";
    }
    return line;
  }
}
