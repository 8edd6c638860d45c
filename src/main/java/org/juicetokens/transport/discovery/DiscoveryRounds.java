package org.juicetokens.transport.discovery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.transport.discovery.proto.DiscoverResult;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.DiscoveryStats;
import org.juicetokens.transport.discovery.proto.PeerList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's discovery state: each call of {@link #discover} runs through the Instrumented
 * wrapper (Layer.DISCOVERY), is timed by method and outcome, and (when not cut by maxResults)
 * refreshes the peer table; the answers of the table, the stats and the health data. Used from
 * one event loop; the health data is a published copy, safe to read from any thread.
 */
final class DiscoveryRounds {
  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryRounds.class);

  private final PeerDiscovery discovery;
  private final PeerTable table;
  private final DiscoveryMeters meters;
  private final Instrumented instrumented;
  private final String nodeId;
  private final String ownEndpoint;
  private volatile JsonObject health;

  DiscoveryRounds(PeerDiscovery discovery, PeerTable table, DiscoveryMeters meters, Instrumented instrumented, String nodeId,
                  String ownEndpoint) {
    this.discovery = discovery;
    this.table = table;
    this.meters = meters;
    this.instrumented = instrumented;
    this.nodeId = nodeId;
    this.ownEndpoint = ownEndpoint;
    tableChanged();
  }

  Future<DiscoverResult> discover(DiscoveryMethod method, long timeoutMs, int maxResults) {
    long start = System.nanoTime();
    return instrumented.run(Layer.DISCOVERY, "discover", "method=" + method.name(),
        () -> discovery.discoverPeers(method, timeoutMs, maxResults))
      .andThen(ar -> meters.discovery(method, ar.failed() ? "error" : ar.result().success() ? "ok" : "partial", System.nanoTime() - start))
      .map(outcome -> {
        long now = System.currentTimeMillis();
        if (maxResults == 0) {
          table.round(outcome.peers(), outcome.completed(), outcome.asked(), now)
            .forEach(id -> LOG.info("[Network] [node: {}] peer {} silent for too long, dropped", nodeId, id));
          tableChanged();
        }
        return DiscoverResult.newBuilder()
          .addAllPeers(outcome.peers().stream().map(p -> p.toPeer(now, 1.0)).toList())
          .setSuccess(outcome.success())
          .addAllErrors(outcome.errors())
          .setDurationMs((System.nanoTime() - start) / 1e6)
          .build();
      });
  }

  PeerList peers() {
    return PeerList.newBuilder().addAllPeers(table.peers()).build();
  }

  DiscoveryStats stats() {
    return meters.stats().addAllPeers(table.peers()).setPipeEndpoint(ownEndpoint).build();
  }

  /** {@code {activePeers, byMethod, pipeEndpoint}} as of the latest round. */
  JsonObject health() {
    return health;
  }

  private void tableChanged() {
    meters.table(table);
    JsonObject byMethod = new JsonObject();
    table.activeByMethod().forEach((method, count) -> byMethod.put(method.name(), count));
    health = new JsonObject().put("activePeers", table.size()).put("byMethod", byMethod).put("pipeEndpoint", ownEndpoint);
  }
}
