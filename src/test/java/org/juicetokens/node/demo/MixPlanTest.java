package org.juicetokens.node.demo;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MixPlanTest {
  @Test
  void picks_actions_in_proportion_to_their_weights() {
    MixPlan plan = MixPlan.of("transfer=60,attest=15,egg=10,renew=15", "5/s");
    Map<MixPlan.Action, Integer> counts = new EnumMap<>(MixPlan.Action.class);
    for (int i = 0; i < 1000; i++) {
      counts.merge(plan.pick(i / 1000.0), 1, Integer::sum);
    }
    assertThat(counts).containsEntry(MixPlan.Action.TRANSFER, 600).containsEntry(MixPlan.Action.ATTEST, 150)
      .containsEntry(MixPlan.Action.EGG, 100).containsEntry(MixPlan.Action.RENEW, 150);
  }

  @Test
  void a_zero_weight_is_never_picked() {
    MixPlan plan = MixPlan.of("transfer=0,attest=1,egg=0,renew=0", "1");
    assertThat(plan.pick(0)).isEqualTo(MixPlan.Action.ATTEST);
    assertThat(plan.pick(0.999)).isEqualTo(MixPlan.Action.ATTEST);
  }

  @Test
  void rates_per_second_per_minute_or_bare() {
    assertThat(MixPlan.perSecond("5/s")).isEqualTo(5.0);
    assertThat(MixPlan.perSecond("120/m")).isEqualTo(2.0);
    assertThat(MixPlan.perSecond("0.5")).isEqualTo(0.5);
    assertThat(MixPlan.of("transfer=1", "4/s").periodNanos()).isEqualTo(250_000_000L);
  }

  @Test
  void bad_mix_or_rate_names_the_value() {
    assertThatThrownBy(() -> MixPlan.of("dance=5", "1")).hasMessageContaining("unknown mix action 'dance'");
    assertThatThrownBy(() -> MixPlan.of("transfer", "1")).hasMessageContaining("not name=weight");
    assertThatThrownBy(() -> MixPlan.of("transfer=-1", "1")).hasMessageContaining("negative");
    assertThatThrownBy(() -> MixPlan.of("transfer=0", "1")).hasMessageContaining("no positive weight");
    assertThatThrownBy(() -> MixPlan.of("transfer=1", "fast")).hasMessageContaining("rate 'fast'");
    assertThatThrownBy(() -> MixPlan.of("transfer=1", "0/s")).hasMessageContaining("above 0");
    assertThatThrownBy(() -> MixPlan.of("transfer=1", "5000/s")).hasMessageContaining("at most 1000/s");
  }
}
