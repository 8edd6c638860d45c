package org.juicetokens.node.demo;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the demo driver does on each tick: a weighted choice among transfers, attestations, egg
 * generations and renewals ({@code --mix transfer=60,attest=15,egg=10,renew=15}), and how often it
 * ticks ({@code --rate 5/s}). Pure: the caller supplies the random number.
 */
public final class MixPlan {
  public enum Action { TRANSFER, ATTEST, EGG, RENEW }

  public static final String DEFAULT_MIX = "transfer=60,attest=15,egg=10,renew=15";

  private final Map<Action, Integer> weights;
  private final int total;
  private final double perSecond;

  private MixPlan(Map<Action, Integer> weights, double perSecond) {
    this.weights = weights;
    this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
    this.perSecond = perSecond;
  }

  /** Parses the mix and the rate; a bad value is an IllegalArgumentException naming it. */
  public static MixPlan of(String mix, String rate) {
    Map<Action, Integer> weights = new EnumMap<>(Action.class);
    for (String part : mix.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("mix entry '" + part.trim() + "' is not name=weight");
      }
      Action action = action(kv[0].trim());
      int weight;
      try {
        weight = Integer.parseInt(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("mix weight of " + kv[0].trim() + " is not a whole number: " + kv[1].trim());
      }
      if (weight < 0) {
        throw new IllegalArgumentException("mix weight of " + kv[0].trim() + " is negative");
      }
      weights.put(action, weight);
    }
    if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
      throw new IllegalArgumentException("mix has no positive weight: " + mix);
    }
    return new MixPlan(weights, perSecond(rate));
  }

  private static Action action(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "transfer", "transfers" -> Action.TRANSFER;
      case "attest", "attestation", "attestations" -> Action.ATTEST;
      case "egg", "eggs" -> Action.EGG;
      case "renew", "renewal", "renewals" -> Action.RENEW;
      default -> throw new IllegalArgumentException("unknown mix action '" + name + "' (transfer, attest, egg, renew)");
    };
  }

  /** "5/s", "90/m", "2.5" (per second) → actions per second, > 0 and at most 1000. */
  static double perSecond(String rate) {
    String r = rate.trim().toLowerCase(Locale.ROOT);
    double divisor = 1;
    if (r.endsWith("/s")) {
      r = r.substring(0, r.length() - 2);
    } else if (r.endsWith("/m")) {
      r = r.substring(0, r.length() - 2);
      divisor = 60;
    }
    double value;
    try {
      value = Double.parseDouble(r.trim()) / divisor;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("rate '" + rate + "' is not N/s, N/m or N");
    }
    if (!(value > 0) || value > 1000) {
      throw new IllegalArgumentException("rate '" + rate + "' must be above 0 and at most 1000/s");
    }
    return value;
  }

  /** The action for a uniform random number {@code u} in [0, 1). */
  public Action pick(double u) {
    double point = u * total;
    double upTo = 0;
    Action last = null;
    for (Map.Entry<Action, Integer> e : weights.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      upTo += e.getValue();
      last = e.getKey();
      if (point < upTo) {
        return last;
      }
    }
    return last;
  }

  public double perSecond() {
    return perSecond;
  }

  /** Nanoseconds between two ticks. */
  public long periodNanos() {
    return Math.max(1, Math.round(1_000_000_000L / perSecond));
  }

  public int weight(Action action) {
    return weights.getOrDefault(action, 0);
  }
}
