package org.juicetokens.loadgen;

import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The stats of every operation of a run, plus the all-operations view the progress line shows. */
public final class LoadStats {
  private final Map<OpKind, OpStats> byKind = new EnumMap<>(OpKind.class);

  public LoadStats(Iterable<OpKind> kinds) {
    kinds.forEach(k -> byKind.put(k, new OpStats()));
  }

  public OpStats of(OpKind kind) {
    return byKind.computeIfAbsent(kind, k -> new OpStats());
  }

  public Map<OpKind, OpStats> byKind() {
    return Collections.unmodifiableMap(byKind);
  }

  public long attempted() {
    return byKind.values().stream().mapToLong(OpStats::attempted).sum();
  }

  public long committed() {
    return byKind.values().stream().mapToLong(OpStats::committed).sum();
  }

  public long aborted() {
    return byKind.values().stream().mapToLong(OpStats::aborted).sum();
  }

  public long errors() {
    return byKind.values().stream().mapToLong(OpStats::errors).sum();
  }

  /** Attempts ended (committed, aborted or failed). */
  public long ended() {
    return committed() + aborted() + errors();
  }

  /** The latencies of every committed attempt of every operation. */
  public Histogram allLatencies() {
    Histogram all = new Histogram(3);
    byKind.values().forEach(s -> s.addLatenciesTo(all));
    return all;
  }

  public void reset() {
    byKind.values().forEach(OpStats::reset);
  }
}
