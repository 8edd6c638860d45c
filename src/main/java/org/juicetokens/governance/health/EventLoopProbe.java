package org.juicetokens.governance.health;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Measures how late each event loop runs a timer: every {@code intervalMs} a task scheduled on
 * the loop notes (actual start - planned start). A loop busy with a long handler runs it late by
 * about that long. The task itself only reads the clock and re-schedules itself, so the probe
 * blocks nothing; it covers every loop of the group, not only the probe's own. The figures are
 * single values written by their loop and read by anyone (atomics, no locks).
 */
public final class EventLoopProbe {
  private final List<EventExecutor> loops = new ArrayList<>();
  private final AtomicLongArray lateNanos;
  private final AtomicLongArray worstNanos;
  private final long intervalNanos;
  private final AtomicReferenceArray<ScheduledFuture<?>> pending;
  private volatile boolean stopped;

  public EventLoopProbe(EventLoopGroup group, long intervalMs) {
    group.forEach(loops::add);
    this.lateNanos = new AtomicLongArray(loops.size());
    this.worstNanos = new AtomicLongArray(loops.size());
    this.pending = new AtomicReferenceArray<>(loops.size());
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
  }

  public void start() {
    for (int i = 0; i < loops.size(); i++) {
      schedule(i);
    }
  }

  public void stop() {
    stopped = true;
    for (int i = 0; i < pending.length(); i++) {
      ScheduledFuture<?> future = pending.get(i);
      if (future != null) {
        future.cancel(false);
      }
    }
  }

  private void schedule(int loop) {
    long planned = System.nanoTime() + intervalNanos;
    ScheduledFuture<?> future = loops.get(loop).schedule(() -> {
      long late = Math.max(0, System.nanoTime() - planned);
      lateNanos.set(loop, late);
      worstNanos.accumulateAndGet(loop, late, Math::max);
      if (!stopped) {
        schedule(loop);
      }
    }, intervalNanos, TimeUnit.NANOSECONDS);
    pending.set(loop, future);
  }

  /** The latest lateness of the latest-running loop, in milliseconds. */
  public double delayMs() {
    long worst = 0;
    for (int i = 0; i < lateNanos.length(); i++) {
      worst = Math.max(worst, lateNanos.get(i));
    }
    return worst / 1_000_000.0;
  }

  /** The worst lateness seen since the last call (then reset), in milliseconds: a spike between two reads still shows. */
  public double takeWorstMs() {
    long worst = 0;
    for (int i = 0; i < worstNanos.length(); i++) {
      worst = Math.max(worst, worstNanos.getAndSet(i, 0));
    }
    return worst / 1_000_000.0;
  }

  public int loops() {
    return loops.size();
  }
}
