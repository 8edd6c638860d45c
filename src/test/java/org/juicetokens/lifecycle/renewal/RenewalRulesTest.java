package org.juicetokens.lifecycle.renewal;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may renew what, the reward rule, the age buckets and the notice thresholds. */
class RenewalRulesTest {
  private static final long NOW = 10_000_000;
  private static final long DAY = TimeUnit.DAYS.toMillis(1);

  private static Token token(TokenState state, long expires) {
    return Token.newBuilder().setId("loc-r-10-001").setOwnerId("alice").setDenomination(10).setState(state).setExpiresAtMs(expires).build();
  }

  private static ErrorCode code(Runnable check) {
    try {
      check.run();
      return null;
    } catch (JuiceException e) {
      return e.code();
    }
  }

  @Test
  void the_owner_renews_a_live_token_alone_and_an_expired_one_only_through_another_identity() {
    Token live = token(TokenState.ACTIVE, NOW + 1);
    Token expired = token(TokenState.ACTIVE, NOW);
    assertThatCode(() -> RenewalRules.check(live, "alice", "", NOW)).doesNotThrowAnyException();
    assertThatCode(() -> RenewalRules.check(expired, "alice", "bob", NOW)).doesNotThrowAnyException();
    assertThat(code(() -> RenewalRules.check(live, "bob", "", NOW))).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(code(() -> RenewalRules.check(expired, "alice", "", NOW))).isEqualTo(ErrorCode.CONFLICT);
    assertThat(code(() -> RenewalRules.check(expired, "alice", "alice", NOW))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(() -> RenewalRules.check(live, "alice", "bob", NOW))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(code(() -> RenewalRules.check(token(TokenState.RENEWED, NOW + 1), "alice", "", NOW))).isEqualTo(ErrorCode.CONFLICT);
    assertThat(code(() -> RenewalRules.check(token(TokenState.LOCKED, NOW + 1), "alice", "", NOW))).isEqualTo(ErrorCode.CONFLICT);
    assertThat(code(() -> RenewalRules.check(live, " ", "", NOW))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void the_reward_is_the_percentage_in_whole_hundredths_rounded_down() {
    assertThat(RenewalRules.reward(1000, 2)).isEqualTo(20);
    assertThat(RenewalRules.reward(50_000, 2)).isEqualTo(1000);
    assertThat(RenewalRules.reward(100, 2)).isEqualTo(2);
    assertThat(RenewalRules.reward(100, 5)).isEqualTo(5);
    assertThat(RenewalRules.reward(100, 0.5)).isZero();
  }

  @Test
  void token_ages_fall_into_bounded_buckets_in_protocol_days() {
    assertThat(RenewalRules.ageBucket(NOW - 29 * DAY, NOW, 1)).isEqualTo("<30d");
    assertThat(RenewalRules.ageBucket(NOW - 100 * DAY, NOW, 1)).isEqualTo("30-180d");
    assertThat(RenewalRules.ageBucket(NOW - 200 * DAY, NOW, 1)).isEqualTo("180-365d");
    assertThat(RenewalRules.ageBucket(NOW - 2 * DAY / 1000, NOW, 1000 * 365)).isEqualTo(">=365d");
  }

  @Test
  void notices_fall_due_at_each_threshold_once_reached_and_never_for_a_life_shorter_than_it() {
    List<Integer> days = List.of(7, 3, 1);
    List<Long> before = List.of(7 * DAY, 3 * DAY, DAY);
    Token t = token(TokenState.ACTIVE, NOW + 5 * DAY).toBuilder().setCreatedAtMs(NOW - 300 * DAY).build();
    assertThat(NoticeRules.due(t, NOW, days, before)).containsExactly(7);
    assertThat(NoticeRules.due(t, NOW + 2 * DAY + 1, days, before)).containsExactly(7, 3);
    assertThat(NoticeRules.due(t, NOW + 5 * DAY - 1, days, before)).containsExactly(7, 3, 1);
    assertThat(NoticeRules.due(t, NOW + 5 * DAY, days, before)).isEmpty();
    Token young = t.toBuilder().setCreatedAtMs(NOW).build();
    assertThat(NoticeRules.due(young, NOW + 5 * DAY - 1, days, before)).containsExactly(3, 1);
    assertThat(NoticeRules.due(t.toBuilder().setState(TokenState.RENEWED).build(), NOW, days, before)).isEmpty();
  }
}
