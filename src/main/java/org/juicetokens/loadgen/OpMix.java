package org.juicetokens.loadgen;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The weighted mix of operations ({@code transfer=80,mint=20}), scheduled by smooth weighted
 * round robin: deterministic, and every window of {@code sum(weights)} picks holds each kind
 * exactly its weight times, evenly spread (80/20 gives t,t,t,t,m,... not 80 transfers then 20
 * mints), so a short run still has the asked proportions. Not thread-safe: one driver context uses it.
 */
public final class OpMix {
  private final Map<OpKind, Integer> weights;
  private final Map<OpKind, Integer> current = new EnumMap<>(OpKind.class);
  private final int total;

  private OpMix(Map<OpKind, Integer> weights) {
    this.weights = Collections.unmodifiableMap(weights);
    this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
    weights.keySet().forEach(k -> current.put(k, 0));
  }

  /** Parses {@code kind=weight,...}; weights are non-negative integers, at least one positive, each kind once. */
  public static OpMix parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("--mix is empty: expected e.g. transfer=80,mint=20");
    }
    Map<OpKind, Integer> weights = new EnumMap<>(OpKind.class);
    for (String part : spec.split(",")) {
      String[] kv = part.split("=", -1);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new IllegalArgumentException("bad --mix entry '" + part.trim() + "': expected kind=weight, e.g. transfer=80");
      }
      OpKind kind = OpKind.of(kv[0]);
      int weight;
      try {
        weight = Integer.parseInt(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad weight '" + kv[1].trim() + "' for " + kind.label() + " in --mix: expected a whole number");
      }
      if (weight < 0) {
        throw new IllegalArgumentException("negative weight for " + kind.label() + " in --mix");
      }
      if (weights.put(kind, weight) != null) {
        throw new IllegalArgumentException(kind.label() + " appears twice in --mix");
      }
    }
    weights.values().removeIf(w -> w == 0);
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("--mix has no positive weight");
    }
    return new OpMix(weights);
  }

  /** The next operation to run. */
  public OpKind next() {
    OpKind best = null;
    for (Map.Entry<OpKind, Integer> e : weights.entrySet()) {
      int value = current.get(e.getKey()) + e.getValue();
      current.put(e.getKey(), value);
      if (best == null || value > current.get(best)) {
        best = e.getKey();
      }
    }
    current.put(best, current.get(best) - total);
    return best;
  }

  /** The kinds with a positive weight and their weights, in declaration order. */
  public Map<OpKind, Integer> weights() {
    return weights;
  }

  public boolean includes(OpKind kind) {
    return weights.containsKey(kind);
  }
}
