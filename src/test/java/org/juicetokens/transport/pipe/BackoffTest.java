package org.juicetokens.transport.pipe;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
  @Test
  void doubles_from_one_second_to_thirty_without_jitter() {
    Backoff backoff = new Backoff(1000, 30_000, () -> 0.0);
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      delays.add(backoff.nextDelayMs());
    }
    assertThat(delays).containsExactly(1000L, 2000L, 4000L, 8000L, 16_000L, 30_000L, 30_000L, 30_000L);
  }

  @Test
  void jitter_shortens_by_at_most_a_fifth() {
    Backoff backoff = new Backoff(1000, 30_000, () -> 1.0);
    assertThat(backoff.nextDelayMs()).isEqualTo(800);
    assertThat(backoff.nextDelayMs()).isEqualTo(1600);
    Backoff random = new Backoff(1000, 30_000, Math::random);
    for (int i = 0; i < 100; i++) {
      assertThat(random.nextDelayMs()).isBetween(800L, 30_000L);
    }
  }

  @Test
  void reset_starts_again_from_the_minimum_and_many_attempts_never_overflow() {
    Backoff backoff = new Backoff(1000, 30_000, () -> 0.0);
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.nextDelayMs()).isBetween(1000L, 30_000L);
    }
    backoff.reset();
    assertThat(backoff.nextDelayMs()).isEqualTo(1000);
    assertThatThrownBy(() -> new Backoff(0, 10, Math::random)).isInstanceOf(IllegalArgumentException.class);
  }
}
