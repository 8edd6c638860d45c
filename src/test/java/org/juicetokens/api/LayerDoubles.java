package org.juicetokens.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtMember;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtRemoveRequest;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.juicetokens.foundation.dht.proto.DhtStatsRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.foundation.storage.proto.FamilyStats;
import org.juicetokens.foundation.storage.proto.StorageStats;
import org.juicetokens.foundation.storage.proto.StorageStatsRequest;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.foundation.time.proto.TimeSourceReading;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.DiscoveryStats;
import org.juicetokens.transport.discovery.proto.DiscoveryStatsRequest;
import org.juicetokens.transport.discovery.proto.MethodCount;
import org.juicetokens.transport.discovery.proto.Peer;
import org.juicetokens.transport.discovery.proto.RejectionCount;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test doubles of the storage, DHT, time and discovery verticles, on their real node-local addresses, with
 * their health procedures. The DHT double keeps an in-memory map and fails on purpose for a few
 * keys: "unavailable" (UNAVAILABLE), "denied" (PERMISSION_DENIED), "inadequate" (TIME_INADEQUATE).
 */
public final class LayerDoubles extends VerticleBase {
  private final NodeContext node;
  private final Map<String, DhtPutRequest> kv = new HashMap<>();
  private long storageWrites;

  public LayerDoubles(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
      Bus.serveLocal(bus, Addresses.STORAGE_STATS, StorageStatsRequest.class, r -> Future.succeededFuture(storageStats())),
      Bus.serveLocal(bus, Addresses.TIME_NOW, TimeRequest.class, r -> run(Layer.TIME, "now", () -> timeReading())),
      Bus.serveLocal(bus, Addresses.DHT_PUT, DhtPutRequest.class, r -> run(Layer.DHT, "put", () -> put(r))),
      Bus.serveLocal(bus, Addresses.DHT_GET, DhtGetRequest.class, r -> run(Layer.DHT, "get", () -> get(r))),
      Bus.serveLocal(bus, Addresses.DHT_REMOVE, DhtRemoveRequest.class, r -> run(Layer.DHT, "remove", () -> remove(r))),
      Bus.serveLocal(bus, Addresses.DHT_STATS, DhtStatsRequest.class, r -> Future.succeededFuture(dhtStats())),
      Bus.serveLocal(bus, Addresses.DISCOVERY_STATS, DiscoveryStatsRequest.class, r -> Future.succeededFuture(discoveryStats())),
      Bus.serveLocal(bus, Addresses.PIPE_LIST, org.juicetokens.transport.pipe.proto.PipeListRequest.class,
        r -> Future.succeededFuture(pipeList())),
      Bus.serveLocal(bus, Addresses.IDENTITY_STATS, org.juicetokens.trust.identity.proto.IdentityStatsRequest.class,
        r -> Future.succeededFuture(identityStats())));
    for (String id : List.of("storage", "dht", "time", "discovery")) {
      node.health().register(id, p -> p.complete(Status.OK(new JsonObject().put("double", true))));
    }
    return Future.join(consumers.stream().map(MessageConsumer::completion).toList());
  }

  /** Two identities homed here, one rejected verification, as the identity verticle would report. */
  private static org.juicetokens.trust.identity.proto.IdentityStats identityStats() {
    return org.juicetokens.trust.identity.proto.IdentityStats.newBuilder().setHomed(2).setMasterKeyLoaded(true)
      .setKeyGenerationMeanMs(0.12).setKeyGenerationMaxMs(0.9).setVerificationsValid(7).setVerificationsRejected(1)
      .putRejectionsByReason("bad_signature", 1)
      .addLatest(org.juicetokens.trust.identity.proto.IdentitySummary.newBuilder().setId("ab".repeat(20)).setDisplayName("Alice")
        .setSequence(2).setStatus(org.juicetokens.trust.identity.proto.IdentityStatus.ACTIVE).setUpdatedAtMs(1_000))
      .addLatest(org.juicetokens.trust.identity.proto.IdentitySummary.newBuilder().setId("cd".repeat(20)).setDisplayName("Bob")
        .setSequence(3).setStatus(org.juicetokens.trust.identity.proto.IdentityStatus.REVOKED).setUpdatedAtMs(900))
      .build();
  }

  /** One open outbound pipe, as the pipe verticle would list it. */
  private static org.juicetokens.transport.pipe.proto.PipeList pipeList() {
    return org.juicetokens.transport.pipe.proto.PipeList.newBuilder().addPipes(org.juicetokens.transport.pipe.proto.PipeInfo.newBuilder()
      .setId("out-double").setPeerNodeId("peer-x").setDirection(org.juicetokens.transport.pipe.proto.PipeDirection.OUTBOUND)
      .setState(org.juicetokens.transport.pipe.proto.PipeState.OPEN).setEndpoint("ws://127.0.0.1:1/pipe")
      .setStats(org.juicetokens.transport.pipe.proto.PipeStats.newBuilder().setMessagesSent(42).setRoundTripMs(0.4).setReconnects(1)))
      .build();
  }

  /** The keys in the double's map (for assertions). */
  public Map<String, DhtPutRequest> kv() {
    return kv;
  }

  private <T> Future<T> run(Layer layer, String op, java.util.function.Supplier<T> work) {
    return node.instrumented().run(layer, op, "double", () -> Future.succeededFuture(work.get()));
  }

  private DhtWriteResult put(DhtPutRequest r) {
    failOnPurpose(r.getKey());
    storageWrites++;
    boolean existed = kv.put(r.getKey(), r) != null;
    return DhtWriteResult.newBuilder().setKey(r.getKey()).setNodesContacted(2).setLatencyMs(0.4)
      .setOwnerNode(node.nodeId()).setExisted(existed).build();
  }

  private DhtValue get(DhtGetRequest r) {
    failOnPurpose(r.getKey());
    DhtPutRequest stored = kv.get(r.getKey());
    DhtValue.Builder value = DhtValue.newBuilder().setKey(r.getKey()).setNodesContacted(1).setLatencyMs(0.2).setOwnerNode(node.nodeId());
    if (stored != null) {
      value.setFound(true).setValue(stored.getValue()).setWriterNode(node.nodeId());
    }
    return value.build();
  }

  private DhtWriteResult remove(DhtRemoveRequest r) {
    failOnPurpose(r.getKey());
    boolean existed = kv.remove(r.getKey()) != null;
    return DhtWriteResult.newBuilder().setKey(r.getKey()).setNodesContacted(2).setOwnerNode(node.nodeId()).setExisted(existed).build();
  }

  private static void failOnPurpose(String key) {
    switch (key) {
      case "unavailable" -> throw new JuiceException(ErrorCode.UNAVAILABLE, "the DHT double is away");
      case "denied" -> throw new JuiceException(ErrorCode.PERMISSION_DENIED, "the DHT double says no");
      case "inadequate" -> throw new JuiceException(ErrorCode.TIME_INADEQUATE, "the DHT double distrusts the clock");
      default -> { }
    }
  }

  private DhtStats dhtStats() {
    return DhtStats.newBuilder()
      .addMembers(DhtMember.newBuilder().setNodeId(node.nodeId()).setAddress("127.0.0.1:5701").setLocal(true).setConnected(true)
        .setOwnedEntries(kv.size()).setBackupEntries(0))
      .addMembers(DhtMember.newBuilder().setNodeId("peer-b").setAddress("127.0.0.1:5702").setConnected(false).setOwnedEntries(3))
      .setGets(12).setPuts(kv.size()).setRemoves(1).setErrors(1)
      .setGetLatencyP50Ms(0.21).setGetLatencyP99Ms(1.9).setPutLatencyP50Ms(0.4).setPutLatencyP99Ms(2.5)
      .setClusterSize(2).setClusterState("ACTIVE")
      .build();
  }

  private static DiscoveryStats discoveryStats() {
    long now = System.currentTimeMillis();
    return DiscoveryStats.newBuilder()
      .addPeers(Peer.newBuilder().setId("peer-b").setMethod(DiscoveryMethod.CLUSTER).setPipeEndpoint("ws://127.0.0.1:8082/pipe")
        .setVersion("0.1.0").setLastSeenMs(now - 1_200).setReliability(1.0))
      .addPeers(Peer.newBuilder().setId("ws://10.0.0.9:8080/pipe").setMethod(DiscoveryMethod.DNS).setPipeEndpoint("ws://10.0.0.9:8080/pipe")
        .setLastSeenMs(now - 4_000).setReliability(0.75))
      .addByMethod(MethodCount.newBuilder().setMethod(DiscoveryMethod.CLUSTER).setPeers(1))
      .addByMethod(MethodCount.newBuilder().setMethod(DiscoveryMethod.DNS).setPeers(1))
      .addByMethod(MethodCount.newBuilder().setMethod(DiscoveryMethod.STATIC).setPeers(0))
      .addRejected(RejectionCount.newBuilder().setReason("bad_signature").setCount(2))
      .setRounds(40).setSuccessfulRounds(38).setLastDurationMs(3.4).setMeanDurationMs(2.9).setPipeEndpoint("ws://127.0.0.1:8081/pipe")
      .build();
  }

  private StorageStats storageStats() {
    return StorageStats.newBuilder().setOpen(true).setPath("/tmp/double").setSizeOnDiskBytes(3_500_000).setDiskFreeBytes(6_500_000)
      .setReads(40).setWrites(storageWrites + 10).setDeletes(2).setBatches(5).setErrors(1).setBytesWritten(12_345)
      .addFamilies(FamilyStats.newBuilder().setName("tokens").setEstimatedKeys(17).setLiveDataBytes(4096))
      .build();
  }

  private static TimeReading timeReading() {
    long now = System.currentTimeMillis();
    double phase = now / 1000.0;
    return TimeReading.newBuilder().setTimestampMs(now).setConfidence(85).setStatus(TimeStatus.CONSENSUS)
      .setConsensusOffsetMs(3).setReason("peers agree within 5 s")
      .addSources(TimeSourceReading.newBuilder().setType(TimeSourceType.SYSTEM).setName("system").setConfidence(80).setLastSeenMs(now))
      .addSources(TimeSourceReading.newBuilder().setType(TimeSourceType.PEERS).setName("peer-b")
        .setOffsetMs(Math.round(12 * Math.sin(phase))).setRoundTripMs(2).setConfidence(70).setLastSeenMs(now))
      .addSources(TimeSourceReading.newBuilder().setType(TimeSourceType.NTP).setName("127.0.0.1:1123")
        .setOffsetMs(Math.round(-8 + 5 * Math.cos(phase / 2))).setRoundTripMs(4).setConfidence(88).setLastSeenMs(now))
      .build();
  }
}
