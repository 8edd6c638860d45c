package org.juicetokens.lifecycle.renewal;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The renewal settings, checked at start, every duration already divided by {@code lifecycle.timeScale}.
 *
 * @param noticeDays    the notice thresholds in days, descending (7, 3, 1)
 * @param noticeBeforeMs the same thresholds in scaled milliseconds, same order
 */
record RenewalSettings(double timeScale, List<Integer> noticeDays, List<Long> noticeBeforeMs, long lifetimeMs, long scanMs,
                       double rewardPercent, long rewardRetryMs, int noticeLimit) {

  static RenewalSettings of(NodeConfig config) {
    double scale = config.doubleValue(Settings.LIFECYCLE_TIME_SCALE);
    if (!(scale >= 1)) {
      throw new IllegalArgumentException("lifecycle.timeScale must be a number >= 1, got " + scale);
    }
    List<Integer> days = new ArrayList<>();
    for (String d : config.list(Settings.RENEWAL_NOTICE_DAYS)) {
      int day = Integer.parseInt(d.trim());
      if (day <= 0 || days.contains(day)) {
        throw new IllegalArgumentException("renewal.noticeDays must be distinct whole days > 0, got " + d);
      }
      days.add(day);
    }
    days.sort((a, b) -> b - a);
    double percent = config.doubleValue(Settings.RENEWAL_REWARD_PERCENT);
    double max = config.doubleValue(Settings.RENEWAL_MAX_REWARD_PERCENT);
    if (percent < 0 || max > 100 || percent > max) {
      throw new IllegalArgumentException("renewal.facilitatorRewardPercent must be 0 to renewal.maxRewardPercent (" + max + "), got " + percent);
    }
    int lifetimeDays = config.integer(Settings.RENEWAL_LIFETIME_DAYS);
    if (lifetimeDays <= 0) {
      throw new IllegalArgumentException("renewal.lifetimeDays must be > 0");
    }
    long scanMs = Math.max(config.longValue(Settings.RENEWAL_MIN_SCAN_MS),
      scaled(config.doubleValue(Settings.RENEWAL_SCAN_MINUTES) * TimeUnit.MINUTES.toMillis(1), scale));
    return new RenewalSettings(scale, List.copyOf(days), days.stream().map(d -> scaled(TimeUnit.DAYS.toMillis(d), scale)).toList(),
      scaled(TimeUnit.DAYS.toMillis(lifetimeDays), scale), scanMs, percent, config.longValue(Settings.RENEWAL_REWARD_RETRY_MS),
      config.integer(Settings.RENEWAL_NOTICE_LIMIT));
  }

  /** {@code ms} divided by the time scale, at least 1 ms. */
  static long scaled(double ms, double scale) {
    return Math.max(1, Math.round(ms / scale));
  }
}
