package org.juicetokens.token.transaction;

import org.juicetokens.token.creation.Denominations;

import java.util.ArrayList;
import java.util.List;

/**
 * The ideal count of tokens per denomination the vector clock measures against (setting
 * {@code transaction.idealHolding}, default 5,5,5,5,5,4,3,2,1 for 1,2,5,10,20,50,100,200,500).
 * One count per denomination, in ascending denomination order, each at least 1 (a 0 would make
 * every holding "above ideal"). Immutable.
 */
public final class IdealHolding {
  public static final String DEFAULT = "5,5,5,5,5,4,3,2,1";

  private final Denominations denominations;
  private final List<Integer> counts;

  private IdealHolding(Denominations denominations, List<Integer> counts) {
    this.denominations = denominations;
    this.counts = counts;
  }

  /** From the setting's items; anything but one whole number ≥ 1 per denomination is refused. */
  public static IdealHolding of(Denominations denominations, List<String> items) {
    if (items.size() != denominations.values().size()) {
      throw new IllegalArgumentException("transaction.idealHolding needs " + denominations.values().size()
        + " counts (one per denomination " + denominations.values() + "), got " + items.size());
    }
    List<Integer> counts = new ArrayList<>();
    for (String item : items) {
      int count;
      try {
        count = Integer.parseInt(item.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("transaction.idealHolding: '" + item + "' is not a whole number");
      }
      if (count < 1) {
        throw new IllegalArgumentException("transaction.idealHolding: " + count + " is below 1");
      }
      counts.add(count);
    }
    return new IdealHolding(denominations, List.copyOf(counts));
  }

  public static IdealHolding standard() {
    return of(Denominations.standard(), List.of(DEFAULT.split(",")));
  }

  public Denominations denominations() {
    return denominations;
  }

  /** The ideal counts, in ascending denomination order. */
  public List<Integer> counts() {
    return counts;
  }

  public int idealOf(int denomination) {
    int index = denominations.values().indexOf(denomination);
    if (index < 0) {
      throw new IllegalArgumentException("denomination " + denomination + " is not one of " + denominations.values());
    }
    return counts.get(index);
  }
}
