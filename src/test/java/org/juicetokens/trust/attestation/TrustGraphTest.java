package org.juicetokens.trust.attestation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrustGraphTest {
  private final TrustGraph graph = new TrustGraph()
    .trust("A", "B", TrustLevel.HIGH).trust("B", "C", TrustLevel.MEDIUM).trust("C", "D", TrustLevel.LOW);

  @Test
  void trust_propagates_as_the_weakest_edge_with_its_depth() {
    assertThat(graph.propagate("A", "B", 3)).isEqualTo(new TrustGraph.Trust(TrustLevel.HIGH, 1));
    assertThat(graph.propagate("A", "C", 3)).isEqualTo(new TrustGraph.Trust(TrustLevel.MEDIUM, 2));
    assertThat(graph.propagate("A", "D", 3)).isEqualTo(new TrustGraph.Trust(TrustLevel.LOW, 3));
  }

  @Test
  void depth_limited_to_two_gives_no_trust_in_d() {
    assertThat(graph.propagate("A", "D", 2).level()).isEqualTo(TrustLevel.NONE);
  }

  @Test
  void the_strongest_path_wins_and_cycles_end() {
    graph.trust("A", "C", TrustLevel.LOW).trust("C", "A", TrustLevel.HIGH);
    assertThat(graph.propagate("A", "C", 3)).isEqualTo(new TrustGraph.Trust(TrustLevel.MEDIUM, 2));
    assertThat(graph.propagate("D", "A", 3).level()).isEqualTo(TrustLevel.NONE);
  }

  @Test
  void the_route_names_the_identities_along_the_path() {
    assertThat(graph.route("A", "D", 3)).isEqualTo(new TrustGraph.Route(TrustLevel.LOW, 3, java.util.List.of("A", "B", "C", "D")));
    assertThat(graph.route("A", "D", 2).path()).isEmpty();
  }
}
