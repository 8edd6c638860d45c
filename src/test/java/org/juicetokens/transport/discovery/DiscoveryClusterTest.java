package org.juicetokens.transport.discovery;

import com.hazelcast.map.IMap;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.transport.discovery.proto.DiscoverResult;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.Peer;
import org.juicetokens.transport.discovery.proto.PeerAdvertisement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.transport.discovery.DiscoveryTestSupport.SETTLE_MS;
import static org.juicetokens.transport.discovery.DiscoveryTestSupport.closeAll;
import static org.juicetokens.transport.discovery.DiscoveryTestSupport.discover;
import static org.juicetokens.transport.discovery.DiscoveryTestSupport.eventually;
import static org.juicetokens.transport.discovery.DiscoveryTestSupport.ids;
import static org.juicetokens.transport.discovery.DiscoveryTestSupport.startCluster;

/** CLUSTER discovery end to end: real JuiceNodes in one JVM, signed advertisements in the real DHT. */
class DiscoveryClusterTest {
  private static final long EXPIRY_MS = 3_000;
  private static final long REFRESH_MS = 500;
  private static final Map<String, String> FAST = Map.of(
    "discovery.refreshIntervalMs", String.valueOf(REFRESH_MS),
    "discovery.advertisementTtlSeconds", "3",
    "discovery.peerExpiryMs", String.valueOf(EXPIRY_MS));

  @Test
  void three_clustered_nodes_see_each_other(@TempDir Path tmp) throws Exception {
    List<JuiceNode> nodes = startCluster(tmp, List.of("a", "b", "c"), FAST);
    try {
      for (JuiceNode node : nodes) {
        List<String> others = nodes.stream().filter(n -> n != node).map(n -> n.context().nodeId()).sorted().toList();
        List<Peer> table = eventually(node, t -> ids(t).equals(others), SETTLE_MS);
        for (Peer peer : table) {
          JuiceNode other = nodes.stream().filter(n -> n.context().nodeId().equals(peer.getId())).findFirst().orElseThrow();
          assertThat(peer.getMethod()).isEqualTo(DiscoveryMethod.CLUSTER);
          assertThat(peer.getPipeEndpoint()).isEqualTo("ws://127.0.0.1:" + other.httpPort() + "/pipe");
          assertThat(peer.getAddressesList()).containsExactly("127.0.0.1:" + other.httpPort());
          assertThat(peer.getVersion()).isEqualTo("0.1.0");
          assertThat(peer.getReliability()).isBetween(0.0, 1.0);
          assertThat(peer.getLastSeenMs()).isPositive();
        }
      }

      DiscoverResult now = discover(nodes.get(0), DiscoveryMethod.CLUSTER);
      assertThat(now.getSuccess()).isTrue();
      assertThat(ids(now.getPeersList())).containsExactly("b", "c");

      JsonObject answer = httpGet(nodes.get(0).httpPort(), "/api/v1/peers");
      JsonArray peers = answer.getJsonArray("peers");
      assertThat(peers.stream().map(p -> ((JsonObject) p).getString("id")).sorted().toList()).containsExactly("b", "c");
      assertThat(peers.getJsonObject(0).getString("pipeEndpoint")).startsWith("ws://127.0.0.1:");
      assertThat(peers.getJsonObject(0).getString("lastSeenMs")).matches("\\d+");
    } finally {
      closeAll(nodes);
    }
  }

  @Test
  void a_stopped_node_disappears_from_the_others_tables_within_the_expiry(@TempDir Path tmp) throws Exception {
    List<JuiceNode> nodes = startCluster(tmp, List.of("a", "b", "c"), FAST);
    try {
      eventually(nodes.get(0), t -> ids(t).equals(List.of("b", "c")), SETTLE_MS);
      eventually(nodes.get(1), t -> ids(t).equals(List.of("a", "c")), SETTLE_MS);

      nodes.get(2).close().await(30, TimeUnit.SECONDS);
      long stoppedAt = System.nanoTime();

      // silent for the expiry, then dropped at the next refresh (plus slack for a busy 2-core machine)
      long bound = EXPIRY_MS + 2 * REFRESH_MS + 2_000;
      eventually(nodes.get(0), t -> ids(t).equals(List.of("b")), bound);
      eventually(nodes.get(1), t -> ids(t).equals(List.of("a")), bound);
      assertThat((System.nanoTime() - stoppedAt) / 1_000_000).isLessThan(bound);
    } finally {
      closeAll(nodes.subList(0, 2));
    }
  }

  @Test
  void a_forged_advertisement_is_dropped_and_counted(@TempDir Path tmp) throws Exception {
    // no periodic refresh during the test: b's genuine advertisement would overwrite the forgery
    List<JuiceNode> nodes = startCluster(tmp, List.of("a", "b"), Map.of("discovery.refreshIntervalMs", "600000",
      "discovery.advertisementTtlSeconds", "600"));
    JuiceNode a = nodes.get(0);
    try {
      assertThat(ids(discover(a, DiscoveryMethod.CLUSTER).getPeersList())).containsExactly("b");

      // straight into the Hazelcast map, bypassing the DHT writer: b's entry now points at an
      // attacker's endpoint, still carrying b's key and b's signature of the original
      IMap<String, byte[]> map = a.context().hazelcast().getMap(DhtMaps.PEER_ADVERTISEMENTS);
      DhtEntry genuine = DhtEntry.parseFrom(map.get("b"));
      PeerAdvertisement redirected = PeerAdvertisement.parseFrom(genuine.getValue()).toBuilder()
        .setPipeEndpoint("ws://203.0.113.66:8080/pipe").build();
      map.put("b", genuine.toBuilder().setValue(redirected.toByteString()).build().toByteArray());

      DiscoverResult result = discover(a, DiscoveryMethod.CLUSTER);

      assertThat(result.getPeersList()).isEmpty();
      assertThat(result.getSuccess()).isTrue();
      Counter rejected = a.context().registry().find("juice.discovery.rejected").tag("reason", Rejections.BAD_SIGNATURE).counter();
      assertThat(rejected).isNotNull();
      assertThat(rejected.count()).isGreaterThanOrEqualTo(1.0);
      assertThat(httpText(a.httpPort(), "/metrics")).containsPattern("juice_discovery_rejected_total\\{[^}]*reason=\"bad_signature\"[^}]*} [1-9]");

      // an entry with no signature at all is refused too, for its own reason
      map.put("b", DhtEntry.newBuilder().setValue(redirected.toByteString()).setWrittenAtMs(1).build().toByteArray());
      assertThat(discover(a, DiscoveryMethod.CLUSTER).getPeersList()).isEmpty();
      assertThat(a.context().registry().find("juice.discovery.rejected").tag("reason", Rejections.UNSIGNED).counter().count())
        .isGreaterThanOrEqualTo(1.0);
    } finally {
      closeAll(nodes);
    }
  }

  static JsonObject httpGet(int port, String path) throws Exception {
    return new JsonObject(httpText(port, path));
  }

  static String httpText(int port, String path) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      var response = WebClient.create(vertx).get(port, "127.0.0.1", path).send().await(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      return response.bodyAsString();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
