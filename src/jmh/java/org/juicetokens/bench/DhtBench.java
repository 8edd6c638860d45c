package org.juicetokens.bench;

import com.google.protobuf.ByteString;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.juicetokens.foundation.dht.Dht;
import org.juicetokens.foundation.dht.DhtLimits;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.DhtVerifiers;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.node.ClusterConfigFactory;
import org.juicetokens.node.config.NodeConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Latency of DHT put, get and conditional write through {@link Dht} on a three-member in-JVM
 * cluster on loopback (backup count 1: every write waits for the owner and one synchronous backup;
 * about two thirds of the keys are owned by another member). The conditional write is a
 * compare-and-set that always applies (expected value = stored value), so it runs the entry
 * processor on the owner and on the backup. Completions hop to one callback thread, as they hop
 * to an event loop in the node. One caller thread, one operation in flight.
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="DhtBench -f 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DhtBench {
  private static final int KEYS = 10_000;
  private static final ByteString VALUE = ByteString.copyFrom(new byte[256]);

  private final List<HazelcastInstance> members = new ArrayList<>();
  private ExecutorService callbacks;
  private Dht dht;
  private int next;

  @Setup(Level.Trial)
  public void startCluster() throws Exception {
    String name = "bench-" + UUID.randomUUID();
    int port0 = freePort();
    for (int i = 0; i < 3; i++) {
      members.add(Hazelcast.newHazelcastInstance(ClusterConfigFactory.create(config("m" + i, name, i == 0 ? port0 : freePort(),
        i == 0 ? "" : "127.0.0.1:" + port0))));
    }
    HazelcastInstance first = members.get(0);
    while (first.getCluster().getMembers().size() < 3 || !first.getPartitionService().isClusterSafe()) {
      Thread.sleep(50);
    }
    NodeConfig config = config("m0", name, port0, "");
    callbacks = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-callbacks"));
    dht = new Dht(first, "m0", DhtLimits.from(config), new DhtVerifiers(), callbacks);
    for (int i = 0; i < KEYS; i++) {
      dht.put(put(i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @TearDown(Level.Trial)
  public void stopCluster() {
    for (int i = members.size() - 1; i >= 0; i--) {
      members.get(i).getLifecycleService().terminate();
    }
    callbacks.shutdownNow();
  }

  @Benchmark
  public DhtWriteResult put() throws Exception {
    return dht.put(put(nextKey())).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public DhtWriteResult conditionalWrite() throws Exception {
    DhtPutRequest request = put(nextKey()).toBuilder().setCondition(DhtPutCondition.IF_VALUE_MATCHES).setExpectedValue(VALUE).build();
    return dht.put(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public DhtValue get() throws Exception {
    return dht.get(DhtGetRequest.newBuilder().setMap(DhtMaps.KV).setKey("key-" + nextKey()).build())
      .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private int nextKey() {
    next = (next + 1) % KEYS;
    return next;
  }

  private static DhtPutRequest put(int i) {
    return DhtPutRequest.newBuilder().setMap(DhtMaps.KV).setKey("key-" + i).setValue(VALUE).build();
  }

  private static NodeConfig config(String id, String cluster, int port, String members) {
    return NodeConfig.of(Map.of("node.id", id, "cluster.name", cluster, "cluster.port", String.valueOf(port),
      "cluster.members", members, "cluster.fastJoin", "true"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
