package org.juicetokens.foundation.dht;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtLocalKeys;
import org.juicetokens.foundation.dht.proto.DhtMapStats;
import org.juicetokens.foundation.dht.proto.DhtMember;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtRemoveRequest;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * The DHT: the Hazelcast maps of {@link DhtMaps} seen through this node's member. Values are
 * stored as {@link DhtEntry} bytes. Put, get and remove use only the asynchronous IMap calls,
 * so they are safe to start on an event loop; their continuations (decoding, signature checks
 * on read, the result) run on {@code callbacks}, never on a Hazelcast thread. The hand-off to
 * {@code callbacks} is made on the Hazelcast thread that completed the operation, so
 * {@code callbacks} must queue (an event-loop context does) rather than run tasks in place.
 *
 * <p>Each result reports the members involved ({@code nodesContacted}: owner + synchronous
 * backups for writes, the owner for reads), the partition owner's node id and the latency.
 * The constructor and {@link #localStats()} touch Hazelcast synchronously (proxy creation,
 * local statistics): call them off the event loop.
 */
public final class Dht {
  /** The member attribute holding the node id (set by ClusterConfigFactory). */
  public static final String NODE_ID_ATTRIBUTE = "juice.nodeId";
  private static final int LATENCY_SAMPLES = 1024;
  /** Runs a Hazelcast dependent on the completing thread (it only hands off to {@code callbacks}). */
  private static final Executor IN_PLACE = Runnable::run;

  private final HazelcastInstance hazelcast;
  private final String nodeId;
  private final DhtLimits limits;
  private final DhtVerifiers verifiers;
  private final Executor callbacks;
  private final Map<String, IMap<String, byte[]>> maps = new LinkedHashMap<>();
  private final Map<String, Integer> backupCounts = new LinkedHashMap<>();
  private final Map<String, Integer> defaultTtls = new LinkedHashMap<>();
  private final LongAdder gets = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removes = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LatencyWindow getLatency = new LatencyWindow(LATENCY_SAMPLES);
  private final LatencyWindow putLatency = new LatencyWindow(LATENCY_SAMPLES);

  /** Creates the map proxies (blocking: call off the event loop). */
  public Dht(HazelcastInstance hazelcast, String nodeId, DhtLimits limits, DhtVerifiers verifiers, Executor callbacks) {
    this.hazelcast = hazelcast;
    this.nodeId = nodeId;
    this.limits = limits;
    this.verifiers = verifiers;
    this.callbacks = callbacks;
    for (String name : DhtMaps.ALL) {
      MapConfig config = hazelcast.getConfig().findMapConfig(name);
      maps.put(name, hazelcast.getMap(name));
      backupCounts.put(name, config.getBackupCount());
      defaultTtls.put(name, config.getTimeToLiveSeconds());
    }
  }

  public DhtVerifiers verifiers() {
    return verifiers;
  }

  /** Writes an entry; with a signer, the map's verifier must accept it first (else UNAUTHENTICATED). */
  public CompletionStage<DhtWriteResult> put(DhtPutRequest request) {
    puts.increment();
    try {
      DhtRequests.check(request, limits);
      String map = request.getMap();
      String key = request.getKey();
      long now = System.currentTimeMillis();
      long ttlSeconds = request.getTtlSeconds() > 0 ? request.getTtlSeconds() : defaultTtls.get(map);
      DhtEntry entry = DhtEntry.newBuilder()
        .setValue(request.getValue())
        .setWrittenAtMs(request.getWrittenAtMs() > 0 ? request.getWrittenAtMs() : now)
        .setWriterNode(nodeId)
        .setSignerId(request.getSignerId())
        .setSignerPublicKey(request.getSignerPublicKey())
        .setSignature(request.getSignature())
        .setExpiresAtMs(ttlSeconds > 0 ? now + TimeUnit.SECONDS.toMillis(ttlSeconds) : 0)
        .build();
      refuseUnlessAcceptable(map, key, verifiers.check(map, key, entry));
      IMap<String, byte[]> imap = maps.get(map);
      long start = System.nanoTime();
      if (request.getCondition() != DhtPutCondition.ALWAYS) {
        byte[] expected = request.getCondition() == DhtPutCondition.IF_ABSENT ? null : request.getExpectedValue().toByteArray();
        CompletionStage<byte[]> op = imap.submitToKey(key, new ConditionalWrite(entry.toByteArray(), expected, request.getTtlSeconds()));
        return complete(op, start, putLatency, (refusal, nanos) -> conditionalResult(map, key, expected != null, refusal, nanos));
      }
      // no TTL in the request: the map's configured TTL applies (Hazelcast's two-argument put)
      CompletionStage<byte[]> op = request.getTtlSeconds() > 0
        ? imap.putAsync(key, entry.toByteArray(), request.getTtlSeconds(), TimeUnit.SECONDS)
        : imap.putAsync(key, entry.toByteArray());
      return complete(op, start, putLatency, (previous, nanos) -> writeResult(map, key, previous != null, nanos));
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  /** Reads an entry; {@code found = false} when absent or expired. */
  public CompletionStage<DhtValue> get(DhtGetRequest request) {
    gets.increment();
    try {
      DhtRequests.check(request, limits);
      String map = request.getMap();
      String key = request.getKey();
      long start = System.nanoTime();
      return complete(maps.get(map).getAsync(key), start, getLatency, (bytes, nanos) -> {
        DhtValue.Builder value = DhtValue.newBuilder()
          .setKey(key)
          .setNodesContacted(1)
          .setReplicas(replicas(map))
          .setLatencyMs(nanos / 1e6)
          .setOwnerNode(ownerOf(key));
        if (bytes == null) {
          return value.setFound(false).build();
        }
        DhtEntry entry = decode(map, key, bytes);
        boolean verified = false;
        if (request.getVerifySignature()) {
          DhtVerifiers.Verdict verdict = verifiers.check(map, key, entry);
          refuseUnlessAcceptable(map, key, verdict);
          verified = verdict == DhtVerifiers.Verdict.VALID;
        }
        return value.setFound(true)
          .setValue(entry.getValue())
          .setWrittenAtMs(entry.getWrittenAtMs())
          .setWriterNode(entry.getWriterNode())
          .setSignerId(entry.getSignerId())
          .setExpiresAtMs(entry.getExpiresAtMs())
          .setSignatureVerified(verified)
          .build();
      });
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  /** Removes an entry; {@code existed} tells whether there was one. */
  public CompletionStage<DhtWriteResult> remove(DhtRemoveRequest request) {
    removes.increment();
    try {
      DhtRequests.check(request, limits);
      String map = request.getMap();
      String key = request.getKey();
      long start = System.nanoTime();
      return complete(maps.get(map).removeAsync(key), start, null, (previous, nanos) -> writeResult(map, key, previous != null, nanos));
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  /**
   * This member's view: its own entry counts per map (key distribution), this node's operation
   * counts and latency percentiles, the cluster size and state. Members are not filled in (see
   * {@link DhtStatsGatherer}). Reads local statistics synchronously: call off the event loop.
   */
  public DhtStats localStats() {
    DhtStats.Builder stats = DhtStats.newBuilder()
      .setGets(gets.sum())
      .setPuts(puts.sum())
      .setRemoves(removes.sum())
      .setErrors(errors.sum())
      .setGetLatencyP50Ms(getLatency.quantileMs(0.50))
      .setGetLatencyP99Ms(getLatency.quantileMs(0.99))
      .setPutLatencyP50Ms(putLatency.quantileMs(0.50))
      .setPutLatencyP99Ms(putLatency.quantileMs(0.99))
      .setClusterSize(clusterSize())
      .setClusterState(clusterState());
    maps.forEach((name, imap) -> {
      LocalMapStats local = imap.getLocalMapStats();
      stats.addMaps(DhtMapStats.newBuilder()
        .setName(name)
        .setLocalOwnedEntries(local.getOwnedEntryCount())
        .setLocalBackupEntries(local.getBackupEntryCount())
        .setBackupCount(backupCounts.get(name)));
    });
    return stats.build();
  }

  /**
   * The keys of {@code map} whose primary copy this member owns now (INVALID_ARGUMENT for a map
   * that is not a DHT map). Walks this member's partitions synchronously: call off the event loop.
   */
  public DhtLocalKeys localKeys(String map) {
    IMap<String, byte[]> imap = maps.get(map);
    if (imap == null) {
      throw JuiceException.invalidArgument("unknown DHT map '" + map + "'; known: " + DhtMaps.ALL);
    }
    return DhtLocalKeys.newBuilder().addAllKeys(imap.localKeySet()).setNodeId(nodeId).build();
  }

  /** The members as Hazelcast sees them now (node id, address, local); counts not filled in. */
  public List<DhtMember> members() {
    if (!isRunning()) {
      return List.of();
    }
    return hazelcast.getCluster().getMembers().stream()
      .map(m -> DhtMember.newBuilder()
        .setNodeId(nodeIdOf(m))
        .setAddress(m.getAddress().getHost() + ":" + m.getAddress().getPort())
        .setLocal(m.localMember())
        .build())
      .toList();
  }

  public boolean isRunning() {
    return hazelcast.getLifecycleService().isRunning();
  }

  public int clusterSize() {
    return isRunning() ? hazelcast.getCluster().getMembers().size() : 0;
  }

  /** Hazelcast's cluster state (ACTIVE, NO_MIGRATION, FROZEN, PASSIVE, IN_TRANSITION), or NOT_RUNNING. */
  public String clusterState() {
    return isRunning() ? hazelcast.getCluster().getClusterState().name() : "NOT_RUNNING";
  }

  /** Members holding a value of {@code map}: the owner plus the synchronous backups that fit the cluster. */
  public int replicas(String map) {
    return 1 + Math.min(backupCounts.get(map), Math.max(0, clusterSize() - 1));
  }

  public static String nodeIdOf(Member member) {
    String id = member.getAttribute(NODE_ID_ATTRIBUTE);
    return id == null ? member.getAddress().toString() : id;
  }

  private String ownerOf(String key) {
    Member owner = hazelcast.getPartitionService().getPartition(key).getOwner();
    return owner == null ? "" : nodeIdOf(owner);
  }

  private DhtWriteResult writeResult(String map, String key, boolean existed, long nanos) {
    return DhtWriteResult.newBuilder()
      .setKey(key)
      .setNodesContacted(replicas(map))
      .setLatencyMs(nanos / 1e6)
      .setOwnerNode(ownerOf(key))
      .setExisted(existed)
      .setApplied(true)
      .build();
  }

  /** {@code replacing}: the condition was IF_VALUE_MATCHES, so an applied write replaced a value. */
  private DhtWriteResult conditionalResult(String map, String key, boolean replacing, byte[] refusal, long nanos) {
    DhtWriteResult written = writeResult(map, key, refusal == null ? replacing : refusal.length > 0, nanos);
    if (refusal == null) {
      return written;
    }
    byte[] current = refusal.length == 0 ? ConditionalWrite.ABSENT : decode(map, key, refusal).getValue().toByteArray();
    return written.toBuilder().setApplied(false).setCurrentValue(ByteString.copyFrom(current)).build();
  }

  private static DhtEntry decode(String map, String key, byte[] bytes) {
    try {
      return DhtEntry.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "undecodable entry in " + map + " under " + DhtRequests.shorten(key), e);
    }
  }

  private void refuseUnlessAcceptable(String map, String key, DhtVerifiers.Verdict verdict) {
    switch (verdict) {
      case VALID, UNSIGNED -> {
      }
      case BAD_SIGNATURE -> throw new JuiceException(ErrorCode.UNAUTHENTICATED, "bad signature for " + map + " key "
        + DhtRequests.shorten(key) + (verifiers.verifierFor(map).isEmpty() ? " (no verifier registered for this map)" : ""));
      case SIGNATURE_REQUIRED -> throw new JuiceException(ErrorCode.UNAUTHENTICATED, map + " accepts only signed entries");
    }
  }

  /**
   * Adapts a Hazelcast stage: the latency is taken on the completing thread, everything else
   * runs on {@code callbacks}. The returned stage fails with a {@link JuiceException} itself
   * (not wrapped), so callers see the error code directly.
   *
   * <p>The dependent is registered with an explicit executor that runs it in place: Hazelcast
   * runs a plain {@code whenComplete} on its default async executor, which starts a new thread
   * per callback when the common ForkJoinPool has parallelism 1 (two cores). In place means on
   * the Hazelcast thread that completed the operation (a partition or response thread, or the
   * caller when already done), so the dependent only reads the clock and hands off.
   */
  private <V, R> CompletionStage<R> complete(CompletionStage<V> op, long start, LatencyWindow window, BiFunction<V, Long, R> onSuccess) {
    CompletableFuture<R> result = new CompletableFuture<>();
    op.whenCompleteAsync((value, failure) -> {
      long nanos = System.nanoTime() - start;
      callbacks.execute(() -> {
        if (failure != null) {
          errors.increment();
          result.completeExceptionally(DhtFailures.toJuice(failure));
          return;
        }
        if (window != null) {
          window.record(nanos);
        }
        try {
          result.complete(onSuccess.apply(value, nanos));
        } catch (RuntimeException e) {
          errors.increment();
          result.completeExceptionally(DhtFailures.toJuice(e));
        }
      });
    }, IN_PLACE);
    return result;
  }

  private <R> CompletionStage<R> failed(RuntimeException e) {
    errors.increment();
    return CompletableFuture.failedFuture(DhtFailures.toJuice(e));
  }
}
