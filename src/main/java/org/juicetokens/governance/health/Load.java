package org.juicetokens.governance.health;

/** Load percentages: clamped to 0-100 and rounded to one decimal so that data and events stay readable. */
public final class Load {
  private Load() {
  }

  public static double percent(double value) {
    if (Double.isNaN(value) || value <= 0) {
      return 0;
    }
    return Math.round(Math.min(100, value) * 10) / 10.0;
  }
}
