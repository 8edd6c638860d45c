package org.juicetokens.foundation.dht;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtLocalKeysRequest;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtRemoveRequest;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.juicetokens.foundation.dht.proto.DhtStatsRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.governance.health.MembershipHealth;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.Settings;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.ToIntFunction;

/**
 * Serves the DHT on the bus: put/get/remove/stats node-locally, and this member's own entry
 * counts at {@code jt.node.<nodeId>.dht.localStats} for the other members' stats. Wiring only:
 * the logic is in {@link Dht}, {@link DhtStatsGatherer} and {@link DhtHealth}.
 */
public final class DhtVerticle extends VerticleBase {
  public static final String NODES_CONTACTED = "juice.dht.nodes.contacted";
  public static final String CLUSTER_MEMBERS = "juice.dht.cluster.members";

  private final NodeContext node;
  private Dht dht;
  private Gauge membersGauge;

  public DhtVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    // Hazelcast completions hop back onto this verticle's event loop
    Executor onContext = task -> context.runOnContext(ignored -> task.run());
    // the constructor creates the map proxies (synchronous Hazelcast calls)
    return vertx.executeBlocking(() -> new Dht(node.hazelcast(), node.nodeId(), DhtLimits.from(node.config()),
        node.dhtVerifiers(), onContext), false)
      .compose(created -> {
        dht = created;
        MeterRegistry registry = node.registry();
        membersGauge = Gauge.builder(CLUSTER_MEMBERS, dht, Dht::clusterSize)
          .description("Members of the Hazelcast cluster (the DHT) seen by this node").register(registry);
        MembershipHealth membership = new MembershipHealth(node.config().integer(Settings.HEALTH_EXPECTED_MEMBERS));
        node.health().register("dht", promise -> promise.complete(DhtHealth.of(dht, membership)));
        Instrumented ops = node.instrumented();
        EventBus bus = vertx.eventBus();
        return Future.join(List.of(
          Bus.serveLocal(bus, Addresses.DHT_PUT, DhtPutRequest.class, r -> ops.run(Layer.DHT, "put", detail(r.getMap(), r.getKey()),
            () -> contacted("put", stage(dht.put(r)), DhtWriteResult::getNodesContacted))).completion(),
          Bus.serveLocal(bus, Addresses.DHT_GET, DhtGetRequest.class, r -> ops.run(Layer.DHT, "get", detail(r.getMap(), r.getKey()),
            () -> contacted("get", stage(dht.get(r)), DhtValue::getNodesContacted))).completion(),
          Bus.serveLocal(bus, Addresses.DHT_REMOVE, DhtRemoveRequest.class, r -> ops.run(Layer.DHT, "remove", detail(r.getMap(), r.getKey()),
            () -> contacted("remove", stage(dht.remove(r)), DhtWriteResult::getNodesContacted))).completion(),
          Bus.serveLocal(bus, Addresses.DHT_STATS, DhtStatsRequest.class, r -> ops.run(Layer.DHT, "stats", "cluster", this::clusterStats)).completion(),
          Bus.serveLocal(bus, Addresses.DHT_LOCAL_KEYS, DhtLocalKeysRequest.class, r -> ops.run(Layer.DHT, "localKeys",
            "map=" + DhtRequests.shorten(r.getMap()), () -> vertx.executeBlocking(() -> dht.localKeys(r.getMap()), false))).completion(),
          Bus.serve(bus, Addresses.node(node.nodeId(), Addresses.DHT_LOCAL_STATS_SUFFIX), DhtStatsRequest.class,
            r -> ops.run(Layer.DHT, "localStats", "member", this::localStats)).completion()));
      });
  }

  @Override
  public Future<?> stop() {
    node.health().unregister("dht");
    if (membersGauge != null) {
      node.registry().remove(membersGauge);
    }
    return Future.succeededFuture();
  }

  private Future<DhtStats> localStats() {
    // LocalMapStats walks this member's partitions synchronously
    return vertx.executeBlocking(dht::localStats, false);
  }

  private Future<DhtStats> clusterStats() {
    long timeoutMs = node.config().longValue(Settings.DHT_STATS_TIMEOUT_MS);
    return localStats().compose(local -> DhtStatsGatherer.gather(local, dht.members(), member -> member.getLocal()
      ? Future.succeededFuture(local)
      : Bus.request(vertx.eventBus(), Addresses.node(member.getNodeId(), Addresses.DHT_LOCAL_STATS_SUFFIX),
      DhtStatsRequest.getDefaultInstance(), timeoutMs, DhtStats.class)));
  }

  private <T> Future<T> stage(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, context);
  }

  private <T> Future<T> contacted(String operation, Future<T> result, ToIntFunction<T> nodes) {
    return result.andThen(ar -> {
      if (ar.succeeded()) {
        DistributionSummary.builder(NODES_CONTACTED)
          .description("Cluster members a DHT operation involved (owner + synchronous backups for writes)")
          .tag("operation", operation)
          .register(node.registry())
          .record(nodes.applyAsInt(ar.result()));
      }
    });
  }

  private static String detail(String map, String key) {
    return "map=" + DhtRequests.shorten(map) + " key=" + DhtRequests.shorten(key);
  }
}
