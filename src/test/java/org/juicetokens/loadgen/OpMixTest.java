package org.juicetokens.loadgen;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpMixTest {
  @Test
  void every_window_of_the_weight_sum_holds_each_kind_its_weight_times() {
    OpMix mix = OpMix.parse("transfer=80,mint=20");
    for (int window = 0; window < 3; window++) {
      List<OpKind> picks = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        picks.add(mix.next());
      }
      assertThat(Collections.frequency(picks, OpKind.TRANSFER)).isEqualTo(80);
      assertThat(Collections.frequency(picks, OpKind.MINT)).isEqualTo(20);
    }
  }

  @Test
  void kinds_are_spread_not_bunched() {
    OpMix mix = OpMix.parse("transfer=3, mint=1");
    List<OpKind> picks = List.of(mix.next(), mix.next(), mix.next(), mix.next());
    assertThat(Collections.frequency(picks, OpKind.MINT)).isEqualTo(1);
    OpMix even = OpMix.parse("transfer=1,attest=1");
    assertThat(List.of(even.next(), even.next())).containsExactlyInAnyOrder(OpKind.TRANSFER, OpKind.ATTEST);
  }

  @Test
  void a_zero_weight_drops_the_kind_and_a_single_kind_is_always_picked() {
    OpMix mix = OpMix.parse("mint=0,transfer=5");
    assertThat(mix.includes(OpKind.MINT)).isFalse();
    for (int i = 0; i < 10; i++) {
      assertThat(mix.next()).isEqualTo(OpKind.TRANSFER);
    }
  }

  @Test
  void bad_mixes_are_refused_with_one_clear_message() {
    assertThatThrownBy(() -> OpMix.parse("")).hasMessageContaining("--mix is empty");
    assertThatThrownBy(() -> OpMix.parse("transfer")).hasMessageContaining("expected kind=weight");
    assertThatThrownBy(() -> OpMix.parse("pay=3")).hasMessageContaining("unknown operation 'pay'");
    assertThatThrownBy(() -> OpMix.parse("transfer=x")).hasMessageContaining("bad weight 'x'");
    assertThatThrownBy(() -> OpMix.parse("transfer=-1")).hasMessageContaining("negative weight");
    assertThatThrownBy(() -> OpMix.parse("mint=1,mint=2")).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> OpMix.parse("mint=0")).hasMessageContaining("no positive weight");
  }
}
