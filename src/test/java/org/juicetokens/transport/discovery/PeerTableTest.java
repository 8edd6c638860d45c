package org.juicetokens.transport.discovery;

import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.Peer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PeerTableTest {
  private static final Set<DiscoveryMethod> CLUSTER = Set.of(DiscoveryMethod.CLUSTER);
  private static final Set<DiscoveryMethod> ALL = Set.of(DiscoveryMethod.CLUSTER, DiscoveryMethod.DNS, DiscoveryMethod.STATIC);

  static PeerCandidate cluster(String id, int port) {
    return new PeerCandidate(id, List.of("127.0.0.1:" + port), "ws://127.0.0.1:" + port + "/pipe", "0.1.0", DiscoveryMethod.CLUSTER, "");
  }

  static PeerCandidate dns(int port) {
    return new PeerCandidate("", List.of("127.0.0.1:" + port), "ws://127.0.0.1:" + port + "/pipe", "", DiscoveryMethod.DNS, "peers:" + port);
  }

  @Test
  void a_peer_found_every_round_is_fully_reliable_and_fresh() {
    PeerTable table = new PeerTable(3_000);
    table.round(List.of(cluster("b", 1)), CLUSTER, CLUSTER, 1_000);
    table.round(List.of(cluster("b", 1)), CLUSTER, CLUSTER, 2_000);

    Peer b = table.peers().get(0);
    assertThat(b.getId()).isEqualTo("b");
    assertThat(b.getReliability()).isEqualTo(1.0);
    assertThat(b.getLastSeenMs()).isEqualTo(2_000);
    assertThat(b.getVersion()).isEqualTo("0.1.0");
  }

  @Test
  void reliability_is_sightings_over_rounds_since_first_seen() {
    PeerTable table = new PeerTable(60_000);
    table.round(List.of(cluster("b", 1)), CLUSTER, CLUSTER, 1_000);
    table.round(List.of(), CLUSTER, CLUSTER, 2_000);
    table.round(List.of(), CLUSTER, CLUSTER, 3_000);
    table.round(List.of(cluster("b", 1)), CLUSTER, CLUSTER, 4_000);

    Peer b = table.peers().get(0);
    assertThat(b.getReliability()).isEqualTo(0.5);
    assertThat(b.getLastSeenMs()).isEqualTo(4_000);
  }

  @Test
  void a_round_whose_method_did_not_complete_does_not_count_against_its_peers() {
    PeerTable table = new PeerTable(60_000);
    table.round(List.of(cluster("b", 1)), CLUSTER, CLUSTER, 1_000);
    table.round(List.of(), Set.of(), CLUSTER, 2_000);

    assertThat(table.peers().get(0).getReliability()).isEqualTo(1.0);
  }

  @Test
  void a_peer_silent_longer_than_the_expiry_is_dropped() {
    PeerTable table = new PeerTable(3_000);
    table.round(List.of(cluster("b", 1), cluster("c", 2)), CLUSTER, CLUSTER, 1_000);
    table.round(List.of(cluster("b", 1)), CLUSTER, CLUSTER, 3_500);
    assertThat(table.peers()).extracting(Peer::getId).containsExactly("b", "c");

    List<String> dropped = table.round(List.of(cluster("b", 1)), CLUSTER, CLUSTER, 4_001);

    assertThat(dropped).containsExactly("c");
    assertThat(table.peers()).extracting(Peer::getId).containsExactly("b");
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void a_peer_found_by_dns_and_later_by_cluster_is_one_entry_under_its_node_id() {
    PeerTable table = new PeerTable(60_000);
    table.round(List.of(dns(7)), ALL, ALL, 1_000);
    assertThat(table.peers()).extracting(Peer::getId).containsExactly("ws://127.0.0.1:7/pipe");

    table.round(List.of(cluster("b", 7), dns(7)), ALL, ALL, 2_000);

    assertThat(table.peers()).extracting(Peer::getId).containsExactly("b");
    assertThat(table.peers().get(0).getMethod()).isEqualTo(DiscoveryMethod.CLUSTER);
    assertThat(table.activeByMethod()).containsEntry(DiscoveryMethod.CLUSTER, 1).doesNotContainKey(DiscoveryMethod.DNS);
  }

  @Test
  void found_by_method_reports_the_latest_round() {
    PeerTable table = new PeerTable(60_000);
    table.round(List.of(cluster("b", 1), cluster("c", 2), dns(9)), ALL, ALL, 1_000);
    assertThat(table.foundByMethod()).containsEntry(DiscoveryMethod.CLUSTER, 2).containsEntry(DiscoveryMethod.DNS, 1)
      .containsEntry(DiscoveryMethod.STATIC, 0);

    table.round(List.of(cluster("b", 1)), CLUSTER, CLUSTER, 2_000);
    assertThat(table.foundByMethod()).containsEntry(DiscoveryMethod.CLUSTER, 1).containsEntry(DiscoveryMethod.DNS, 1);
  }
}
