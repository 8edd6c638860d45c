package org.juicetokens.lifecycle.egg;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

/**
 * The durations of PROTOCOL.md §Lifecycle for eggs, each a setting in hours divided by
 * {@code lifecycle.timeScale} (1 in production; a large factor makes a 30-day dormancy and an
 * 84-hour maturation pass in seconds). In milliseconds, at least 1.
 */
public record EggDurations(long dormancyMs, long fertilizedMs, long incubatingMs, long hatchingMs) {
  private static final double HOUR_MS = 3_600_000.0;

  public EggDurations {
    if (dormancyMs < 1 || fertilizedMs < 1 || incubatingMs < 1 || hatchingMs < 1) {
      throw new IllegalArgumentException("every egg duration must be >= 1 ms");
    }
  }

  /** From hours and a time scale (>= 1, else IllegalArgumentException: the node does not start). */
  public static EggDurations scaled(double timeScale, double dormancyH, double fertilizedH, double incubatingH, double hatchingH) {
    if (!(timeScale >= 1) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("lifecycle.timeScale must be a number >= 1, got " + timeScale);
    }
    return new EggDurations(ms(dormancyH, timeScale), ms(fertilizedH, timeScale), ms(incubatingH, timeScale), ms(hatchingH, timeScale));
  }

  public static EggDurations of(NodeConfig config) {
    return scaled(config.doubleValue(Settings.LIFECYCLE_TIME_SCALE), config.doubleValue(Settings.EGG_DORMANCY_HOURS),
      config.doubleValue(Settings.EGG_FERTILIZED_HOURS), config.doubleValue(Settings.EGG_INCUBATING_HOURS),
      config.doubleValue(Settings.EGG_HATCHING_HOURS));
  }

  /** From fertilization to the hatch. */
  public long maturationMs() {
    return fertilizedMs + incubatingMs + hatchingMs;
  }

  private static long ms(double hours, double scale) {
    if (!(hours > 0)) {
      throw new IllegalArgumentException("egg durations must be > 0 hours, got " + hours);
    }
    return Math.max(1, Math.round(hours * HOUR_MS / scale));
  }
}
