package org.juicetokens.token.transaction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreshnessTest {
  private final Freshness rule = Freshness.defaults();
  private final long now = 1_800_000_000_000L;

  @Test
  void messages_within_five_seconds_either_way_are_fresh_including_the_bounds() {
    assertThat(rule.check(now, now)).isEqualTo(Freshness.Verdict.FRESH);
    assertThat(rule.check(now - 5_000, now)).isEqualTo(Freshness.Verdict.FRESH);
    assertThat(rule.check(now + 5_000, now)).isEqualTo(Freshness.Verdict.FRESH);
  }

  @Test
  void an_older_message_is_too_old_and_one_dated_ahead_is_from_the_future() {
    assertThat(rule.check(now - 5_001, now)).isEqualTo(Freshness.Verdict.TOO_OLD);
    assertThat(rule.check(now + 5_001, now)).isEqualTo(Freshness.Verdict.FROM_THE_FUTURE);
    assertThat(rule.explain(now - 12_000, now)).contains("12000 ms old");
    assertThat(rule.explain(now + 10_000, now)).contains("10000 ms ahead");
  }

  @Test
  void bounds_must_be_positive() {
    assertThatThrownBy(() -> new Freshness(0, 5_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Freshness(5_000, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
