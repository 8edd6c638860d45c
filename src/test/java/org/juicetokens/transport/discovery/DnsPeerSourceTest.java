package org.juicetokens.transport.discovery;

import io.vertx.core.Future;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** DNS and STATIC sources with a resolver the test controls; the "worker" runs the task in place. */
class DnsPeerSourceTest {
  private static final Function<Callable<List<PeerCandidate>>, Future<List<PeerCandidate>>> IN_PLACE = task -> {
    try {
      return Future.succeededFuture(task.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  };
  private static final SelfCheck SELF = new SelfCheck("a", "ws://127.0.0.1:8080/pipe", 8080, SelfCheck::isMachineAddress);

  private static NameResolver resolverOf(Map<String, List<String>> names) {
    return host -> {
      List<String> addresses = names.get(host);
      if (addresses == null) {
        throw new UnknownHostException(host);
      }
      List<InetAddress> resolved = new ArrayList<>();
      for (String a : addresses) {
        resolved.add(InetAddress.getByName(a));
      }
      return resolved;
    };
  }

  @Test
  void a_name_resolving_to_two_loopback_addresses_yields_two_peers() {
    BootstrapPeers bootstrap = BootstrapPeers.parse(List.of("peers.test:9100"), 8080);
    DnsPeerSource source = new DnsPeerSource(bootstrap.names(), resolverOf(Map.of("peers.test", List.of("127.0.0.1", "127.0.0.2"))),
      SELF, IN_PLACE);
    List<PeerCandidate> found = new ArrayList<>();

    Future<Void> done = source.find(found::add);

    assertThat(done.succeeded()).isTrue();
    assertThat(found).extracting(PeerCandidate::pipeEndpoint).containsExactly("ws://127.0.0.1:9100/pipe", "ws://127.0.0.2:9100/pipe");
    assertThat(found).allSatisfy(p -> {
      assertThat(p.method()).isEqualTo(DiscoveryMethod.DNS);
      assertThat(p.nodeId()).isEmpty();
      assertThat(p.name()).isEqualTo("peers.test:9100");
    });
    assertThat(found.get(1).addresses()).containsExactly("127.0.0.2:9100");
  }

  @Test
  void this_node_among_a_names_addresses_is_left_out() {
    // docker-compose style: JT_PEERS=node1,node2 on node1, every node on the same HTTP port
    BootstrapPeers bootstrap = BootstrapPeers.parse(List.of("node1", "node2"), 8080);
    DnsPeerSource source = new DnsPeerSource(bootstrap.names(),
      resolverOf(Map.of("node1", List.of("127.0.0.1"), "node2", List.of("192.0.2.7"))), SELF, IN_PLACE);
    List<PeerCandidate> found = new ArrayList<>();

    source.find(found::add);

    assertThat(found).extracting(PeerCandidate::pipeEndpoint).containsExactly("ws://192.0.2.7:8080/pipe");
  }

  @Test
  void an_unknown_name_fails_the_method_but_keeps_the_names_that_resolved() {
    BootstrapPeers bootstrap = BootstrapPeers.parse(List.of("nope.invalid", "node2:9000"), 8080);
    DnsPeerSource source = new DnsPeerSource(bootstrap.names(), resolverOf(Map.of("node2", List.of("192.0.2.7"))), SELF, IN_PLACE);
    List<PeerCandidate> found = new ArrayList<>();

    Future<Void> done = source.find(found::add);

    assertThat(done.failed()).isTrue();
    assertThat(done.cause()).hasMessageContaining("nope.invalid");
    assertThat(found).extracting(PeerCandidate::pipeEndpoint).containsExactly("ws://192.0.2.7:9000/pipe");
  }

  @Test
  void static_endpoints_are_taken_as_written_except_this_node() {
    BootstrapPeers bootstrap = BootstrapPeers.parse(List.of("ws://127.0.0.1:8080/pipe", "ws://peer.example:9000/pipe",
      "ws://localhost:8080/pipe"), 8080);
    StaticPeerSource source = new StaticPeerSource(bootstrap.endpoints(), SELF, IN_PLACE);
    List<PeerCandidate> found = new ArrayList<>();

    source.find(found::add);

    assertThat(found).singleElement().satisfies(p -> {
      assertThat(p.pipeEndpoint()).isEqualTo("ws://peer.example:9000/pipe");
      assertThat(p.addresses()).containsExactly("peer.example:9000");
      assertThat(p.method()).isEqualTo(DiscoveryMethod.STATIC);
    });
  }
}
