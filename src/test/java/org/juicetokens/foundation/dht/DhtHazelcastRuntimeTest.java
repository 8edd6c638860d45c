package org.juicetokens.foundation.dht;

import com.google.protobuf.ByteString;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.node.ClusterConfigFactory;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.foundation.dht.DhtTestSupport.await;

/**
 * How the DHT uses Hazelcast at run time, on two real members: completions start no thread per
 * operation and never run the caller's code on a Hazelcast thread; the conditional write crosses
 * the wire (to the owner and in the backup operation) without Java serialization and still holds
 * after the owner crashes and its backup is promoted. The crash test runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DhtHazelcastRuntimeTest {
  private static final String CALLBACK_THREAD = "dht-test-callbacks";
  private static final int OPERATIONS = 150;
  /** Threads the JVM may start meanwhile for its own reasons (Hazelcast housekeeping, JUnit): far below one per operation. */
  private static final int THREAD_ALLOWANCE = 10;

  private final Set<String> verifierThreads = ConcurrentHashMap.newKeySet();
  private HazelcastInstance a;
  private HazelcastInstance b;
  private ExecutorService callbacks;
  private Dht dht;

  @BeforeAll
  void startMembers() throws InterruptedException {
    String name = "test-" + UUID.randomUUID();
    int portA = DhtTestSupport.freePort();
    a = Hazelcast.newHazelcastInstance(ClusterConfigFactory.create(config("a", name, portA, "")));
    b = Hazelcast.newHazelcastInstance(ClusterConfigFactory.create(config("b", name, DhtTestSupport.freePort(), "127.0.0.1:" + portA)));
    long deadline = System.currentTimeMillis() + 60_000;
    while (a.getCluster().getMembers().size() < 2 || !a.getPartitionService().isClusterSafe()) {
      assertThat(System.currentTimeMillis()).as("2 members, cluster safe").isLessThan(deadline);
      Thread.sleep(50);
    }
    DhtVerifiers verifiers = new DhtVerifiers();
    HmacTestVerifier hmac = new HmacTestVerifier();
    verifiers.register(DhtMaps.ATTESTATIONS, (map, key, entry) -> {
      verifierThreads.add(Thread.currentThread().getName());
      return hmac.verify(map, key, entry);
    }, false);
    callbacks = Executors.newSingleThreadExecutor(r -> new Thread(r, CALLBACK_THREAD));
    dht = new Dht(a, "a", DhtLimits.from(config("a", name, portA, "")), verifiers, callbacks);
  }

  @AfterAll
  void stopMembers() {
    b.getLifecycleService().terminate();
    a.getLifecycleService().terminate();
    callbacks.shutdownNow();
  }

  @Test
  @Order(1)
  void gets_puts_and_conditional_writes_start_no_thread_per_operation() {
    runOperations(20, "warm-");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long before = threads.getTotalStartedThreadCount();
    runOperations(OPERATIONS, "counted-");
    long started = threads.getTotalStartedThreadCount() - before;
    assertThat(started).as("threads started during %d gets, %d puts and %d conditional writes", OPERATIONS, OPERATIONS, OPERATIONS)
      .isLessThanOrEqualTo(THREAD_ALLOWANCE);
  }

  @Test
  @Order(2)
  void verification_on_read_runs_on_the_callback_executor_never_on_a_hazelcast_thread() {
    verifierThreads.clear();
    for (int i = 0; i < 40; i++) {
      String key = "signed-" + i;
      verifierThreads.clear();
      await(dht.put(HmacTestVerifier.signedPut(DhtMaps.ATTESTATIONS, key, "v" + i, "signer", System.currentTimeMillis())));
      verifierThreads.clear();
      DhtValue read = await(dht.get(DhtGetRequest.newBuilder().setMap(DhtMaps.ATTESTATIONS).setKey(key).setVerifySignature(true).build()));
      assertThat(read.getSignatureVerified()).isTrue();
      assertThat(verifierThreads).containsExactly(CALLBACK_THREAD);
    }
  }

  @Test
  @Order(3)
  void the_conditional_write_round_trips_through_the_serialization_service_without_java_serialization() {
    SerializationService serialization = ((SerializationServiceSupport) a).getSerializationService();
    byte[] stored = entry("held");
    for (byte[] expected : new byte[][] {null, new byte[0], utf8("held"), utf8("other")}) {
      Data data = serialization.toData(new ConditionalWrite(entry("new"), expected, 60));
      assertThat(data.getType()).as("serializer type").isEqualTo(SerializationConstants.CONSTANT_TYPE_DATA_SERIALIZABLE);
      ConditionalWrite copy = serialization.toObject(data);
      ConditionalWrite original = new ConditionalWrite(entry("new"), expected, 60);
      // the copy decides like the original, on an absent key and on a held one
      for (byte[] current : new byte[][] {null, stored, entry("")}) {
        Map.Entry<String, byte[]> forOriginal = new AbstractMap.SimpleEntry<>("k", current);
        Map.Entry<String, byte[]> forCopy = new AbstractMap.SimpleEntry<>("k", current);
        assertThat(copy.process(forCopy)).isEqualTo(original.process(forOriginal));
        assertThat(forCopy.getValue()).isEqualTo(forOriginal.getValue());
      }
    }
  }

  @Test
  @Order(4)
  void a_conditional_write_holds_across_members_and_after_the_owner_crashes_its_backup_takes_over() throws InterruptedException {
    String key = keyOwnedBy(b);
    DhtWriteResult claimed = await(dht.put(conditional(key, "first", DhtPutCondition.IF_ABSENT, null)));
    assertThat(claimed.getApplied()).isTrue();
    assertThat(claimed.getOwnerNode()).isEqualTo("b");
    assertThat(await(dht.put(conditional(key, "second", DhtPutCondition.IF_VALUE_MATCHES, "first"))).getApplied()).isTrue();
    DhtWriteResult refused = await(dht.put(conditional(key, "third", DhtPutCondition.IF_VALUE_MATCHES, "first")));
    assertThat(refused.getApplied()).isFalse();
    assertThat(refused.getCurrentValue().toStringUtf8()).isEqualTo("second");

    b.getLifecycleService().terminate();
    long deadline = System.currentTimeMillis() + 60_000;
    while (a.getCluster().getMembers().size() > 1 || !ownedLocally(key)) {
      assertThat(System.currentTimeMillis()).as("a owns the key after b's crash").isLessThan(deadline);
      Thread.sleep(50);
    }
    // the promoted backup copy is the one the backup processor wrote, TTL included
    IMap<String, byte[]> map = a.getMap(DhtMaps.KV);
    assertThat(map.getEntryView(key).getTtl()).isEqualTo(TimeUnit.SECONDS.toMillis(3600));
    assertThat(await(dht.get(DhtGetRequest.newBuilder().setMap(DhtMaps.KV).setKey(key).build())).getValue().toStringUtf8())
      .isEqualTo("second");
    DhtWriteResult stillTaken = await(dht.put(conditional(key, "late", DhtPutCondition.IF_ABSENT, null)));
    assertThat(stillTaken.getApplied()).isFalse();
    assertThat(stillTaken.getCurrentValue().toStringUtf8()).isEqualTo("second");
    assertThat(await(dht.put(conditional(key, "third", DhtPutCondition.IF_VALUE_MATCHES, "second"))).getApplied()).isTrue();
  }

  private void runOperations(int count, String prefix) {
    for (int i = 0; i < count; i++) {
      String key = prefix + i;
      await(dht.put(DhtPutRequest.newBuilder().setMap(DhtMaps.KV).setKey(key).setValue(ByteString.copyFromUtf8("v")).build()));
      await(dht.get(DhtGetRequest.newBuilder().setMap(DhtMaps.KV).setKey(key).build()));
      await(dht.put(conditional(key, "w", DhtPutCondition.IF_VALUE_MATCHES, "v")));
    }
  }

  private boolean ownedLocally(String key) {
    // the owner is null for a moment while the partition table is repaired
    com.hazelcast.cluster.Member owner = a.getPartitionService().getPartition(key).getOwner();
    return owner != null && owner.localMember();
  }

  private String keyOwnedBy(HazelcastInstance member) {
    for (int i = 0; ; i++) {
      String key = "owned-" + i;
      if (a.getPartitionService().getPartition(key).getOwner().getUuid().equals(member.getCluster().getLocalMember().getUuid())) {
        return key;
      }
    }
  }

  private static DhtPutRequest conditional(String key, String value, DhtPutCondition condition, String expected) {
    DhtPutRequest.Builder request = DhtPutRequest.newBuilder().setMap(DhtMaps.KV).setKey(key).setValue(ByteString.copyFromUtf8(value))
      .setCondition(condition).setTtlSeconds(3600);
    return expected == null ? request.build() : request.setExpectedValue(ByteString.copyFromUtf8(expected)).build();
  }

  private static byte[] entry(String value) {
    return DhtEntry.newBuilder().setValue(ByteString.copyFromUtf8(value)).build().toByteArray();
  }

  private static byte[] utf8(String value) {
    return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static NodeConfig config(String id, String cluster, int port, String members) {
    return NodeConfig.of(Map.of("node.id", id, "cluster.name", cluster, "cluster.port", String.valueOf(port),
      "cluster.members", members, "cluster.fastJoin", "true"));
  }
}
