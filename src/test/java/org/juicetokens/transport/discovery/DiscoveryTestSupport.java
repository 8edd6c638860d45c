package org.juicetokens.transport.discovery;

import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.transport.discovery.proto.DiscoverRequest;
import org.juicetokens.transport.discovery.proto.DiscoverResult;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.ListPeersRequest;
import org.juicetokens.transport.discovery.proto.Peer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** In-JVM clusters of JuiceNodes on loopback with short discovery settings, and the calls the tests make. */
final class DiscoveryTestSupport {
  static final long SETTLE_MS = 60_000;

  private DiscoveryTestSupport() {
  }

  /** Starts {@code ids.size()} clustered nodes (see {@link InJvmClusters#startCluster}). */
  static List<JuiceNode> startCluster(Path tmp, List<String> ids, Map<String, String> extra) throws Exception {
    return InJvmClusters.startCluster(tmp, ids, extra);
  }

  static void closeAll(List<JuiceNode> nodes) throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  static List<Peer> peerTable(JuiceNode node) throws Exception {
    return Bus.request(node.vertx().eventBus(), Addresses.DISCOVERY_PEERS, ListPeersRequest.getDefaultInstance(), 5_000,
      org.juicetokens.transport.discovery.proto.PeerList.class).await(10, TimeUnit.SECONDS).getPeersList();
  }

  static DiscoverResult discover(JuiceNode node, DiscoveryMethod method) throws Exception {
    return Bus.request(node.vertx().eventBus(), Addresses.DISCOVERY_DISCOVER,
      DiscoverRequest.newBuilder().setMethod(method).setTimeoutMs(3_000).build(), 10_000, DiscoverResult.class)
      .await(15, TimeUnit.SECONDS);
  }

  static List<String> ids(List<Peer> peers) {
    return peers.stream().map(Peer::getId).sorted().toList();
  }

  /** Polls the peer table every 100 ms until {@code condition} holds; fails with the last table after {@code timeoutMs}. */
  static List<Peer> eventually(JuiceNode node, Predicate<List<Peer>> condition, long timeoutMs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    List<Peer> last = List.of();
    while (System.nanoTime() < deadline) {
      last = peerTable(node);
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("peer table of " + node.context().nodeId() + " did not reach the expected state in " + timeoutMs
      + " ms; last: " + ids(last));
  }
}
