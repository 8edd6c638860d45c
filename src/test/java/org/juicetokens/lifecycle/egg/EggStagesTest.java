package org.juicetokens.lifecycle.egg;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.lifecycle.egg.proto.Egg;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EggStagesTest {
  static final EggDurations D = new EggDurations(1000, 24, 48, 12);
  static final Egg DORMANT = Egg.newBuilder().setId("e").setStage(EggStage.DORMANT).setCreatedAtMs(0).setDormantUntilMs(1000).build();

  @Test
  void a_fertilized_egg_moves_strictly_forward_with_deadlines_following_the_previous_ones() {
    Egg f = EggStages.fertilize(DORMANT, "tx:1", 100, D);
    assertThat(f.getStage()).isEqualTo(EggStage.FERTILIZED);
    assertThat(EggStages.deadline(f)).isEqualTo(124);
    assertThat(EggStages.due(f, 123)).isEqualTo(EggStages.Due.NOTHING);
    assertThat(EggStages.due(f, 124)).isEqualTo(EggStages.Due.ADVANCE);
    // a node that was down steps late: the next deadline still follows the stored one
    Egg i = EggStages.advance(f, D);
    assertThat(i.getStage()).isEqualTo(EggStage.INCUBATING);
    assertThat(i.getNextDeadlineMs()).isEqualTo(124 + 48);
    Egg h = EggStages.advance(i, D);
    assertThat(h.getStage()).isEqualTo(EggStage.HATCHING);
    assertThat(h.getNextDeadlineMs()).isEqualTo(184);
    assertThat(EggStages.due(h, 5000)).isEqualTo(EggStages.Due.HATCH);
    Egg a = EggStages.hatched(h, 190);
    assertThat(a.getStage()).isEqualTo(EggStage.ACTIVE);
    assertThat(EggStages.deadline(a)).isZero();
    assertThat(EggStages.due(a, Long.MAX_VALUE)).isEqualTo(EggStages.Due.NOTHING);
    assertThatThrownBy(() -> EggStages.advance(a, D)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EggStages.advance(h, D)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void an_unfertilized_egg_expires_at_the_end_of_dormancy_and_cannot_be_fertilized_then() {
    assertThat(EggStages.due(DORMANT, 999)).isEqualTo(EggStages.Due.NOTHING);
    assertThat(EggStages.due(DORMANT, 1000)).isEqualTo(EggStages.Due.EXPIRE);
    Egg expired = EggStages.expire(DORMANT);
    assertThat(expired.getStage()).isEqualTo(EggStage.EXPIRED);
    assertThat(EggStages.due(expired, Long.MAX_VALUE)).isEqualTo(EggStages.Due.NOTHING);
    assertThatThrownBy(() -> EggStages.fertilize(expired, "tx:1", 10, D)).isInstanceOfSatisfying(JuiceException.class,
      e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT)).hasMessageContaining("expired");
    // dormancy over but the timer has not run yet: still refused
    assertThatThrownBy(() -> EggStages.fertilize(DORMANT, "tx:1", 1000, D)).hasMessageContaining("expired");
  }

  @Test
  void an_egg_is_fertilized_once() {
    Egg f = EggStages.fertilize(DORMANT, "tx:1", 100, D);
    assertThatThrownBy(() -> EggStages.fertilize(f, "tx:2", 101, D)).isInstanceOfSatisfying(JuiceException.class,
      e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT)).hasMessageContaining("already fertilized");
  }

  @Test
  void completion_counts_the_whole_maturation() {
    Egg f = EggStages.fertilize(DORMANT, "tx:1", 100, D);
    assertThat(EggStages.percent(DORMANT, 500, D)).isZero();
    assertThat(EggStages.percent(f, 100, D)).isZero();
    assertThat(EggStages.percent(f, 142, D)).isEqualTo(50);
    assertThat(EggStages.percent(EggStages.advance(EggStages.advance(f, D), D), 10_000, D)).isEqualTo(99);
    assertThat(EggStages.percent(EggStages.hatched(EggStages.advance(EggStages.advance(f, D), D), 200), 200, D)).isEqualTo(100);
  }

  @Test
  void durations_are_divided_by_the_time_scale() {
    EggDurations real = EggDurations.scaled(1, 720, 24, 48, 12);
    assertThat(real.dormancyMs()).isEqualTo(30L * 24 * 3_600_000);
    assertThat(real.maturationMs()).isEqualTo(84L * 3_600_000);
    EggDurations fast = EggDurations.scaled(1e6, 720, 24, 48, 12);
    assertThat(fast.maturationMs()).isBetween(300L, 305L);
    assertThatThrownBy(() -> EggDurations.scaled(0.5, 720, 24, 48, 12)).hasMessageContaining("lifecycle.timeScale");
    assertThatThrownBy(() -> EggDurations.scaled(Double.NaN, 720, 24, 48, 12)).hasMessageContaining("lifecycle.timeScale");
    assertThatThrownBy(() -> EggDurations.scaled(1, 0, 24, 48, 12)).hasMessageContaining("> 0 hours");
  }
}
