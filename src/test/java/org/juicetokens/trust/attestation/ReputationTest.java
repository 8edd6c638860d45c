package org.juicetokens.trust.attestation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReputationTest {

  @Test
  void no_data_scores_one_half() {
    assertThat(new Reputation(Map.of(), Map.of(), 0.2, 50).score("x", 3)).isEqualTo(0.5);
  }

  @Test
  void strong_attestations_raise_and_weak_ones_lower_the_score() {
    Reputation r = new Reputation(Map.of("up", List.of(new Reputation.Edge("a", 100)), "down", List.of(new Reputation.Edge("a", 0))),
      Map.of(), 0.2, 50);
    assertThat(r.score("up", 3)).isCloseTo((0.5 + 0.5) / 1.5, within(1e-9));
    assertThat(r.score("down", 3)).isCloseTo(0.5 / 1.5, within(1e-9));
  }

  @Test
  void a_reputable_attester_weighs_more_than_an_unknown_one() {
    Map<String, List<Reputation.Edge>> about = Map.of(
      "good", List.of(new Reputation.Edge("x", 100), new Reputation.Edge("y", 100)),
      "s1", List.of(new Reputation.Edge("good", 0)),
      "s2", List.of(new Reputation.Edge("nobody", 0)));
    Reputation r = new Reputation(about, Map.of(), 0.2, 50);
    assertThat(r.score("s1", 3)).isLessThan(r.score("s2", 3));
  }

  @Test
  void completed_transfers_raise_reliability_up_to_a_cap() {
    Reputation r = new Reputation(Map.of(), Map.of("p", 5, "q", 500), 0.2, 50);
    assertThat(r.score("p", 3)).isGreaterThan(0.5);
    assertThat(r.score("q", 3)).isGreaterThan(r.score("p", 3)).isLessThan(1.0);
  }

  @Test
  void a_cycle_of_mutual_praise_stays_within_bounds() {
    Reputation r = new Reputation(Map.of("a", List.of(new Reputation.Edge("b", 100)), "b", List.of(new Reputation.Edge("a", 100))),
      Map.of(), 0.2, 50);
    assertThat(r.score("a", 10)).isBetween(0.5, 1.0);
  }
}
