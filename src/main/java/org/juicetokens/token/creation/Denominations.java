package org.juicetokens.token.creation;

import org.juicetokens.common.JuiceException;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The denominations a token may have, in whole units (PROTOCOL.md §Tokens: 1, 2, 5, 10, 20, 50,
 * 100, 200, 500 by default, setting {@code token.denominations}). Immutable and thread-safe. The
 * set is also the bounded label set of the per-denomination meters.
 */
public final class Denominations {
  /** The denomination whose first token an identity receives becomes its wissel token. */
  public static final int WISSEL_DENOMINATION = 1;

  private final List<Integer> values;
  private final Set<Integer> lookup;

  private Denominations(List<Integer> values) {
    this.values = values;
    this.lookup = Set.copyOf(values);
  }

  /** From the setting's items; anything but distinct integers > 0 that include 1 is refused. */
  public static Denominations of(List<String> items) {
    TreeSet<Integer> sorted = new TreeSet<>();
    for (String item : items) {
      int value;
      try {
        value = Integer.parseInt(item.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("token.denominations: '" + item + "' is not a whole number");
      }
      if (value <= 0 || !sorted.add(value)) {
        throw new IllegalArgumentException("token.denominations: " + value + " is not positive or is repeated");
      }
    }
    if (!sorted.contains(WISSEL_DENOMINATION)) {
      throw new IllegalArgumentException("token.denominations must include " + WISSEL_DENOMINATION + " (the wissel denomination)");
    }
    return new Denominations(List.copyOf(sorted));
  }

  public static Denominations standard() {
    return of(List.of("1", "2", "5", "10", "20", "50", "100", "200", "500"));
  }

  /** Ascending. */
  public List<Integer> values() {
    return values;
  }

  public boolean contains(int denomination) {
    return lookup.contains(denomination);
  }

  /** {@code denomination}, or INVALID_ARGUMENT naming the allowed ones. */
  public int require(int denomination) {
    if (!contains(denomination)) {
      throw JuiceException.invalidArgument("denomination " + denomination + " is not one of " + values);
    }
    return denomination;
  }
}
