package org.juicetokens.lifecycle.renewal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.juicetokens.lifecycle.renewal.proto.RenewalAgeBucket;
import org.juicetokens.lifecycle.renewal.proto.RenewalStats;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The renewal meters (bounded labels only: outcome, token-age bucket, notice threshold in days):
 * {@code juice_renewal_renewals_total{outcome,age}}, {@code juice_renewal_facilitated_total},
 * {@code juice_renewal_reward_hundredths_total} (rewards paid), {@code juice_renewal_rewards_pending},
 * {@code juice_renewal_notices_total{days}}, {@code juice_renewal_duration_seconds} (request to reply).
 * Updated on the renewal verticle's event loop, read by the admin console from the same loop.
 */
final class RenewalMeters {
  private final MeterRegistry registry;
  private final Counter[] ok = new Counter[RenewalRules.AGE_BUCKETS.length];
  private final Counter[] failed = new Counter[RenewalRules.AGE_BUCKETS.length + 1];
  private final Counter facilitated;
  private final Counter rewards;
  private final Timer duration;
  private final AtomicLong pending = new AtomicLong();
  private long notices;

  RenewalMeters(MeterRegistry registry) {
    this.registry = registry;
    for (int i = 0; i < RenewalRules.AGE_BUCKETS.length; i++) {
      ok[i] = renewals("ok", RenewalRules.AGE_BUCKETS[i]);
      failed[i] = renewals("error", RenewalRules.AGE_BUCKETS[i]);
    }
    failed[RenewalRules.AGE_BUCKETS.length] = renewals("error", "unknown");
    facilitated = Counter.builder("juice.renewal.facilitated").description("Renewals of expired tokens through a facilitator").register(registry);
    rewards = Counter.builder("juice.renewal.reward.hundredths").description("Facilitator rewards paid, in hundredths").register(registry);
    duration = Timer.builder("juice.renewal.duration").description("Renewal processing time, request to reply").register(registry);
    Gauge.builder("juice.renewal.rewards.pending", pending, AtomicLong::get).description("Facilitator rewards still owed").register(registry);
  }

  private Counter renewals(String outcome, String age) {
    return Counter.builder("juice.renewal.renewals").description("Renewals by outcome and token age")
      .tag("outcome", outcome).tag("age", age).register(registry);
  }

  /** One renewal's outcome; {@code age} null when the token could not be read. */
  void renewal(String age, boolean succeeded, boolean facilitatedOne, long nanos) {
    int i = age == null ? -1 : java.util.Arrays.asList(RenewalRules.AGE_BUCKETS).indexOf(age);
    if (succeeded) {
      ok[i].increment();
      if (facilitatedOne) {
        facilitated.increment();
      }
    } else {
      failed[i < 0 ? RenewalRules.AGE_BUCKETS.length : i].increment();
    }
    duration.record(nanos, TimeUnit.NANOSECONDS);
  }

  void rewardPaid(long hundredths) {
    rewards.increment(hundredths);
  }

  void rewardsPending(int owed) {
    pending.set(owed);
  }

  void notice(int days) {
    notices++;
    Counter.builder("juice.renewal.notices").description("Expiry notices issued").tag("days", String.valueOf(days)).register(registry).increment();
  }

  RenewalStats stats() {
    RenewalStats.Builder s = RenewalStats.newBuilder();
    long total = 0;
    for (int i = 0; i < RenewalRules.AGE_BUCKETS.length; i++) {
      s.addByAge(RenewalAgeBucket.newBuilder().setAge(RenewalRules.AGE_BUCKETS[i]).setSucceeded((long) ok[i].count())
        .setFailed((long) failed[i].count()));
      total += (long) ok[i].count() + (long) failed[i].count();
    }
    s.addByAge(RenewalAgeBucket.newBuilder().setAge("unknown").setFailed((long) failed[RenewalRules.AGE_BUCKETS.length].count()));
    total += (long) failed[RenewalRules.AGE_BUCKETS.length].count();
    return s.setFacilitated((long) facilitated.count()).setRewardsHundredths((long) rewards.count()).setRewardsPending(pending.get())
      .setNotices(notices).setMeanProcessingMs(duration.mean(TimeUnit.MILLISECONDS)).setRenewals(total).build();
  }
}
