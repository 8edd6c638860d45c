package org.juicetokens.transport.discovery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.transport.discovery.PeerTableTest.cluster;
import static org.juicetokens.transport.discovery.PeerTableTest.dns;

/** The round logic with sources and a timer the test controls: no Vert.x instance, no clock. */
class PeerDiscoveryTest {
  private static final SelfCheck SELF = new SelfCheck("a", "ws://10.0.0.1:8080/pipe", 8080, InetAddress::isLoopbackAddress);

  /** A source that hands over what the test tells it, when the test tells it. */
  static final class ScriptedSource implements PeerSource {
    private final DiscoveryMethod method;
    private final Promise<Void> done = Promise.promise();
    private Consumer<PeerCandidate> sink;

    ScriptedSource(DiscoveryMethod method) {
      this.method = method;
    }

    @Override
    public DiscoveryMethod method() {
      return method;
    }

    @Override
    public Future<Void> find(Consumer<PeerCandidate> found) {
      sink = found;
      return done.future();
    }

    void found(PeerCandidate... peers) {
      List.of(peers).forEach(sink);
    }

    void done() {
      done.complete();
    }

    void fail(String why) {
      done.fail(new IllegalStateException(why));
    }
  }

  private final List<Promise<Void>> timers = new ArrayList<>();

  private PeerDiscovery discovery(PeerSource... sources) {
    return new PeerDiscovery(List.of(sources), SELF, ms -> {
      Promise<Void> timer = Promise.promise();
      timers.add(timer);
      return timer.future();
    });
  }

  @Test
  void a_round_answers_when_every_source_is_done_with_all_their_peers() {
    ScriptedSource clusterSource = new ScriptedSource(DiscoveryMethod.CLUSTER);
    ScriptedSource dnsSource = new ScriptedSource(DiscoveryMethod.DNS);
    Future<PeerDiscovery.Outcome> round = discovery(clusterSource, dnsSource)
      .discoverPeers(DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED, 1_000, 0);

    clusterSource.found(cluster("b", 1));
    clusterSource.done();
    assertThat(round.isComplete()).isFalse();
    dnsSource.found(dns(9));
    dnsSource.done();

    assertThat(round.result().success()).isTrue();
    assertThat(round.result().peers()).extracting(PeerCandidate::key).containsExactly("b", "ws://127.0.0.1:9/pipe");
    assertThat(round.result().completed()).containsExactlyInAnyOrder(DiscoveryMethod.CLUSTER, DiscoveryMethod.DNS);
  }

  @Test
  void the_timeout_answers_with_what_arrived_and_success_false() {
    ScriptedSource clusterSource = new ScriptedSource(DiscoveryMethod.CLUSTER);
    ScriptedSource dnsSource = new ScriptedSource(DiscoveryMethod.DNS);
    Future<PeerDiscovery.Outcome> round = discovery(clusterSource, dnsSource)
      .discoverPeers(DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED, 1_000, 0);
    clusterSource.found(cluster("b", 1));
    clusterSource.done();
    dnsSource.found(dns(9));

    timers.get(0).complete();

    PeerDiscovery.Outcome outcome = round.result();
    assertThat(outcome.success()).isFalse();
    assertThat(outcome.peers()).hasSize(2);
    assertThat(outcome.completed()).containsExactly(DiscoveryMethod.CLUSTER);
    assertThat(outcome.errors()).singleElement().asString().contains("DNS").contains("1000 ms");
    // a late answer changes nothing
    dnsSource.found(dns(10));
    dnsSource.done();
    assertThat(round.result().peers()).hasSize(2);
  }

  @Test
  void max_results_answers_as_soon_as_enough_peers_are_in() {
    ScriptedSource clusterSource = new ScriptedSource(DiscoveryMethod.CLUSTER);
    Future<PeerDiscovery.Outcome> round = discovery(clusterSource).discoverPeers(DiscoveryMethod.CLUSTER, 1_000, 2);

    clusterSource.found(cluster("b", 1), cluster("c", 2), cluster("d", 3));

    assertThat(round.result().success()).isTrue();
    assertThat(round.result().peers()).extracting(PeerCandidate::key).containsExactly("b", "c");
  }

  @Test
  void this_node_is_never_among_the_peers() {
    ScriptedSource clusterSource = new ScriptedSource(DiscoveryMethod.CLUSTER);
    ScriptedSource staticSource = new ScriptedSource(DiscoveryMethod.STATIC);
    Future<PeerDiscovery.Outcome> round = discovery(clusterSource, staticSource)
      .discoverPeers(DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED, 1_000, 0);

    clusterSource.found(cluster("a", 5), cluster("b", 1));
    staticSource.found(new PeerCandidate("", List.of("10.0.0.1:8080"), "ws://10.0.0.1:8080/pipe", "", DiscoveryMethod.STATIC, "x"));
    clusterSource.done();
    staticSource.done();

    assertThat(round.result().peers()).extracting(PeerCandidate::key).containsExactly("b");
  }

  @Test
  void each_peer_appears_once_and_a_node_id_beats_an_anonymous_endpoint() {
    ScriptedSource clusterSource = new ScriptedSource(DiscoveryMethod.CLUSTER);
    ScriptedSource dnsSource = new ScriptedSource(DiscoveryMethod.DNS);
    Future<PeerDiscovery.Outcome> round = discovery(clusterSource, dnsSource)
      .discoverPeers(DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED, 1_000, 0);

    dnsSource.found(dns(7), dns(7), dns(8));
    clusterSource.found(cluster("b", 7), cluster("b", 7));
    dnsSource.done();
    clusterSource.done();

    assertThat(round.result().peers()).extracting(PeerCandidate::key).containsExactly("b", "ws://127.0.0.1:8/pipe");
  }

  @Test
  void a_failing_source_keeps_its_peers_and_the_others_but_is_not_a_success() {
    ScriptedSource clusterSource = new ScriptedSource(DiscoveryMethod.CLUSTER);
    ScriptedSource dnsSource = new ScriptedSource(DiscoveryMethod.DNS);
    Future<PeerDiscovery.Outcome> round = discovery(clusterSource, dnsSource)
      .discoverPeers(DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED, 1_000, 0);

    dnsSource.found(dns(7));
    dnsSource.fail("name nope does not resolve");
    clusterSource.found(cluster("b", 1));
    clusterSource.done();

    assertThat(round.result().success()).isFalse();
    assertThat(round.result().peers()).hasSize(2);
    assertThat(round.result().errors()).containsExactly("DNS: name nope does not resolve");
  }

  @Test
  void one_method_runs_only_its_own_source() {
    ScriptedSource clusterSource = new ScriptedSource(DiscoveryMethod.CLUSTER);
    ScriptedSource dnsSource = new ScriptedSource(DiscoveryMethod.DNS);
    Future<PeerDiscovery.Outcome> round = discovery(clusterSource, dnsSource).discoverPeers(DiscoveryMethod.DNS, 1_000, 0);

    dnsSource.found(dns(7));
    dnsSource.done();

    assertThat(round.result().success()).isTrue();
    assertThat(clusterSource.sink).isNull();
  }

  @Test
  void bad_arguments_fail_the_call() {
    PeerDiscovery discovery = discovery(new ScriptedSource(DiscoveryMethod.CLUSTER));

    assertThat(discovery.discoverPeers(DiscoveryMethod.CLUSTER, 0, 0).cause()).isInstanceOf(IllegalArgumentException.class);
    assertThat(discovery.discoverPeers(DiscoveryMethod.CLUSTER, 100, -1).cause()).isInstanceOf(IllegalArgumentException.class);
  }
}
