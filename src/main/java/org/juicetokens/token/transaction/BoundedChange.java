package org.juicetokens.token.transaction;

import org.juicetokens.common.JuiceException;

import java.util.Arrays;

/**
 * Bounded coin change over counts per denomination (not over single tokens): the selection of at
 * most {@code available[i]} tokens of each {@code values[i]} whose sum is the smallest in
 * [lo, hi] that at most {@code maxTokens} tokens can reach, with the fewest tokens for that sum
 * and, among those, the largest preference score (Σ preference of the chosen tokens' denominations).
 *
 * <p>One dynamic programme per denomination over the sums 0..hi, each step a sliding-window
 * minimum per residue class, so time is O(denominations × hi) and memory about
 * 2 bytes × denominations × hi plus two int arrays — whatever the number of tokens. Cost of a token
 * = W − preference with W = 2N + 1 (N tokens considered): as a preference is at most 2, a cost sum
 * orders first by count, then by score. Ties go to the fewest tokens of the later (larger)
 * denomination; the result is a function of the input alone.
 */
final class BoundedChange {
  /** Most tokens one plan considers (keeps every cost sum within an int). */
  static final int MAX_TOKENS = 20_000;
  /** Largest sum one plan searches (keeps the tables below ~80 MB). */
  static final long MAX_UNITS = 2_000_000;

  private static final int INF = Integer.MAX_VALUE;

  /** The chosen count per denomination (same order as the input) and their sum. */
  record Choice(long units, int[] counts) {
  }

  private BoundedChange() {
  }

  /** The choice, or null when no selection of at most {@code maxTokens} tokens sums into [lo, hi]. */
  static Choice choose(int[] values, int[] available, int[] preference, long lo, long hi, long maxTokens) {
    if (lo < 0 || hi < lo) {
      throw new IllegalArgumentException("sum range [" + lo + ", " + hi + "]");
    }
    if (hi > MAX_UNITS) {
      throw JuiceException.invalidArgument("a payment or change of up to " + hi + " whole units is more than one exchange plans ("
        + MAX_UNITS + "); split it");
    }
    int top = (int) hi;
    int kinds = values.length;
    int[] usable = new int[kinds];
    long considered = 0;
    for (int i = 0; i < kinds; i++) {
      usable[i] = (int) Math.min(available[i], top / values[i]);
      considered += usable[i];
    }
    if (considered > MAX_TOKENS) {
      throw JuiceException.invalidArgument("a payment or change over " + considered + " tokens is more than one exchange plans ("
        + MAX_TOKENS + "); split it");
    }
    int unit = (int) (2 * considered + 1);
    int[] prev = new int[top + 1];
    int[] cur = new int[top + 1];
    Arrays.fill(prev, INF);
    prev[0] = 0;
    char[][] took = new char[kinds][];
    for (int s = 0; s < kinds; s++) {
      took[s] = new char[top + 1];
      step(prev, cur, took[s], values[s], usable[s], unit - preference[s]);
      int[] swap = prev;
      prev = cur;
      cur = swap;
    }
    for (long sum = lo; sum <= hi; sum++) {
      int cost = prev[(int) sum];
      if (cost != INF && (cost + (long) unit - 1) / unit <= maxTokens) {
        return new Choice(sum, reconstruct(took, values, (int) sum));
      }
    }
    return null;
  }

  /** cur[v] = min over 0 ≤ k ≤ count of prev[v − k·d] + k·cost; took[v] = that k (the smallest on ties). */
  private static void step(int[] prev, int[] cur, char[] took, int d, int count, int cost) {
    int top = prev.length - 1;
    int chain = top / d + 1;
    int[] window = new int[chain];
    long[] keys = new long[chain];
    for (int r = 0; r < d && r <= top; r++) {
      int head = 0;
      int tail = 0;
      for (int j = 0, v = r; v <= top; j++, v += d) {
        if (prev[v] != INF) {
          long key = prev[v] - (long) j * cost;
          while (tail > head && keys[tail - 1] >= key) {
            tail--;
          }
          window[tail] = j;
          keys[tail++] = key;
        }
        while (tail > head && window[head] < j - count) {
          head++;
        }
        if (tail == head) {
          cur[v] = INF;
          took[v] = 0;
        } else {
          cur[v] = (int) (keys[head] + (long) j * cost);
          took[v] = (char) (j - window[head]);
        }
      }
    }
  }

  private static int[] reconstruct(char[][] took, int[] values, int sum) {
    int[] counts = new int[values.length];
    int left = sum;
    for (int s = values.length - 1; s >= 0; s--) {
      counts[s] = took[s][left];
      left -= counts[s] * values[s];
    }
    if (left != 0) {
      throw new IllegalStateException("coin change reconstruction left " + left);
    }
    return counts;
  }
}
