package org.juicetokens.lifecycle.renewal;

import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every renewal duration is divided by lifecycle.timeScale; out-of-range settings stop the start. */
class RenewalSettingsTest {
  @Test
  void durations_are_scaled_and_thresholds_sorted_descending() {
    RenewalSettings s = RenewalSettings.of(NodeConfig.of(Map.of("lifecycle.timeScale", "86400", "renewal.noticeDays", "1,7,3")));
    assertThat(s.noticeDays()).containsExactly(7, 3, 1);
    assertThat(s.noticeBeforeMs()).containsExactly(7000L, 3000L, 1000L);
    assertThat(s.lifetimeMs()).isEqualTo(365_000L);
    assertThat(s.scanMs()).isEqualTo(200); // 60 min / 86400 = 42 ms, floored at renewal.minScanMs
    RenewalSettings production = RenewalSettings.of(NodeConfig.of(Map.of()));
    assertThat(production.lifetimeMs()).isEqualTo(365L * 86_400_000L);
    assertThat(production.scanMs()).isEqualTo(3_600_000L);
    assertThat(production.rewardPercent()).isEqualTo(2.0);
  }

  @Test
  void a_time_scale_below_one_or_a_reward_above_its_ceiling_is_refused() {
    for (Map<String, String> bad : List.of(Map.of("lifecycle.timeScale", "0.5"), Map.of("renewal.facilitatorRewardPercent", "6"),
      Map.of("renewal.noticeDays", "3,3"), Map.of("renewal.noticeDays", "0"))) {
      assertThatThrownBy(() -> RenewalSettings.of(NodeConfig.of(bad))).as(bad.toString()).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
