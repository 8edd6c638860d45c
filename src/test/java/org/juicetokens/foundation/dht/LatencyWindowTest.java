package org.juicetokens.foundation.dht;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyWindowTest {

  @Test
  void an_empty_window_reports_zero() {
    assertThat(new LatencyWindow(8).quantileMs(0.99)).isZero();
  }

  @Test
  void quantiles_are_nearest_rank_over_the_samples() {
    LatencyWindow window = new LatencyWindow(100);
    for (int ms = 100; ms >= 1; ms--) {
      window.record(ms * 1_000_000L);
    }

    assertThat(window.quantileMs(0.50)).isEqualTo(50.0);
    assertThat(window.quantileMs(0.99)).isEqualTo(99.0);
    assertThat(window.quantileMs(1.0)).isEqualTo(100.0);
    assertThat(window.quantileMs(0.0)).isEqualTo(1.0);
  }

  @Test
  void only_the_latest_samples_are_kept() {
    LatencyWindow window = new LatencyWindow(4);
    for (int i = 0; i < 4; i++) {
      window.record(1_000_000_000L);
    }
    for (int i = 0; i < 4; i++) {
      window.record(1_000_000L);
    }

    assertThat(window.quantileMs(1.0)).isEqualTo(1.0);
    assertThat(window.count()).isEqualTo(8);
  }

  @Test
  void capacity_must_be_positive() {
    assertThatThrownBy(() -> new LatencyWindow(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
