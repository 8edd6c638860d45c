package org.juicetokens.foundation.dht;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtMember;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.juicetokens.foundation.dht.proto.DhtStatsRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Three nodes in this JVM form one cluster; values written through one node are read through
 * another, survive the crash of a partition owner, and expire with their TTL. The crash test
 * runs last: it stops node b.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DhtClusterTest {
  private static final int VALUES = 200;
  private static final long TIMEOUT_MS = 10_000;

  private final List<JuiceNode> nodes = new ArrayList<>();
  private JuiceNode a;
  private JuiceNode b;
  private JuiceNode c;

  @BeforeAll
  void startCluster(@TempDir Path dataDir) throws Exception {
    String name = "test-" + UUID.randomUUID();
    int[] ports = {DhtTestSupport.freePort(), DhtTestSupport.freePort(), DhtTestSupport.freePort()};
    String all = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    // sequential start: the first member alone, then the others listing everyone (fastest join)
    a = start("a", ports[0], "", name, dataDir);
    b = start("b", ports[1], all, name, dataDir);
    c = start("c", ports[2], all, name, dataDir);
    waitUntil(() -> c.context().hazelcast().getCluster().getMembers().size() == 3
      && a.context().hazelcast().getPartitionService().isClusterSafe(), "3 members, cluster safe");
  }

  private JuiceNode start(String id, int port, String members, String cluster, Path dataDir) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of("node.id", id, "http.port", "0", "node.dataDir", dataDir.toString(),
      "cluster.name", cluster, "cluster.port", String.valueOf(port), "cluster.members", members, "cluster.fastJoin", "true"));
    JuiceNode node = JuiceNode.start(NodeConfig.of(settings)).await(60, TimeUnit.SECONDS);
    nodes.add(node);
    return node;
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (JuiceNode node : nodes) {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    Future<R> answer = Bus.request(node.vertx().eventBus(), address, request, TIMEOUT_MS, type);
    return answer.await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
  }

  private static DhtWriteResult put(JuiceNode node, String key, String value, long ttlSeconds) throws Exception {
    return ask(node, Addresses.DHT_PUT, DhtPutRequest.newBuilder().setMap(DhtMaps.KV).setKey(key)
      .setValue(ByteString.copyFromUtf8(value)).setTtlSeconds(ttlSeconds).build(), DhtWriteResult.class);
  }

  private static DhtValue get(JuiceNode node, String key) throws Exception {
    return ask(node, Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(DhtMaps.KV).setKey(key).build(), DhtValue.class);
  }

  private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private final Map<String, String> acknowledged = new HashMap<>();
  private final List<String> owners = new ArrayList<>();

  @Test
  @Order(1)
  void values_put_through_one_node_are_read_through_another() throws Exception {
    for (int i = 0; i < VALUES; i++) {
      DhtWriteResult written = put(a, "key-" + i, "value-" + i, 0);
      acknowledged.put("key-" + i, "value-" + i);
      owners.add(written.getOwnerNode());
      assertThat(written.getNodesContacted()).isEqualTo(2); // owner + one synchronous backup
    }
    for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
      DhtValue read = get(c, entry.getKey());
      assertThat(read.getFound()).as(entry.getKey()).isTrue();
      assertThat(read.getValue().toStringUtf8()).isEqualTo(entry.getValue());
      assertThat(read.getWriterNode()).isEqualTo("a");
      assertThat(read.getReplicas()).isEqualTo(2);
    }
    assertThat(owners).contains("a", "b", "c");
  }

  @Test
  @Order(2)
  void stats_list_every_member_with_owned_counts_summing_to_the_entries() throws Exception {
    HazelcastInstance hazelcast = a.context().hazelcast();
    long entries = DhtMaps.ALL.stream().mapToLong(map -> hazelcast.getMap(map).size()).sum();

    DhtStats stats = ask(b, Addresses.DHT_STATS, DhtStatsRequest.getDefaultInstance(), DhtStats.class);

    assertThat(stats.getClusterSize()).isEqualTo(3);
    assertThat(stats.getClusterState()).isEqualTo("ACTIVE");
    assertThat(stats.getMembersList()).extracting(DhtMember::getNodeId).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(stats.getMembersList()).allSatisfy(m -> {
      assertThat(m.getConnected()).as(m.getNodeId()).isTrue();
      assertThat(m.getOwnedEntries()).as(m.getNodeId()).isPositive();
    });
    assertThat(stats.getMembersList()).filteredOn(DhtMember::getLocal).extracting(DhtMember::getNodeId).containsExactly("b");
    assertThat(stats.getMembersList().stream().mapToLong(DhtMember::getOwnedEntries).sum()).isEqualTo(entries);
    assertThat(stats.getMembersList().stream().mapToLong(DhtMember::getBackupEntries).sum()).isEqualTo(entries);
    assertThat(entries).isGreaterThanOrEqualTo(VALUES);
  }

  @Test
  @Order(3)
  void a_value_put_with_a_ttl_disappears_from_every_node() throws Exception {
    put(a, "ephemeral", "soon gone", 1);
    assertThat(get(c, "ephemeral").getExpiresAtMs()).isPositive();

    long deadline = System.currentTimeMillis() + 20_000;
    while ((get(a, "ephemeral").getFound() || get(c, "ephemeral").getFound()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(get(a, "ephemeral").getFound()).isFalse();
    assertThat(get(c, "ephemeral").getFound()).isFalse();
  }

  @Test
  @Order(4)
  void bad_requests_over_the_bus_fail_with_their_code_and_the_node_keeps_serving() throws Exception {
    Future<DhtWriteResult> refused = Bus.request(a.vertx().eventBus(), Addresses.DHT_PUT,
      DhtPutRequest.newBuilder().setMap("jt.unknown").setKey("k").build(), TIMEOUT_MS, DhtWriteResult.class);

    assertThatThrownBy(() -> refused.await(TIMEOUT_MS, TimeUnit.MILLISECONDS))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(get(a, "key-0").getFound()).isTrue();
  }

  @Test
  @Order(4)
  void of_three_nodes_claiming_one_key_at_once_exactly_one_wins_and_all_see_it() throws Exception {
    for (int round = 0; round < 20; round++) {
      String key = "claim-" + round;
      List<Future<DhtWriteResult>> claims = new ArrayList<>();
      for (JuiceNode node : List.of(a, b, c)) {
        claims.add(Bus.request(node.vertx().eventBus(), Addresses.DHT_PUT, DhtPutRequest.newBuilder().setMap(DhtMaps.KV).setKey(key)
          .setValue(ByteString.copyFromUtf8(node.context().nodeId())).setCondition(DhtPutCondition.IF_ABSENT).build(),
          TIMEOUT_MS, DhtWriteResult.class));
      }
      List<String> winners = new ArrayList<>();
      for (int i = 0; i < claims.size(); i++) {
        DhtWriteResult result = claims.get(i).await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (result.getApplied()) {
          winners.add(List.of("a", "b", "c").get(i));
        }
      }
      assertThat(winners).as(key).hasSize(1);
      for (JuiceNode node : List.of(a, b, c)) {
        assertThat(get(node, key).getValue().toStringUtf8()).isEqualTo(winners.get(0));
      }
    }
  }

  @Test
  @Order(5)
  void health_and_metrics_describe_the_dht() throws Exception {
    JsonObject health = a.context().health().invoke("dht").await(TIMEOUT_MS, TimeUnit.MILLISECONDS);

    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getJsonObject("data").getInteger("clusterSize")).isEqualTo(3);
    assertThat(health.getJsonObject("data").getJsonArray("members").getList()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(health.getJsonObject("data").getString("clusterState")).isEqualTo("ACTIVE");
    String scrape = a.context().registry().scrape();
    assertThat(scrape).contains("juice_dht_cluster_members{node=\"a\"} 3.0");
    assertThat(scrape).contains("juice_dht_nodes_contacted_count{node=\"a\",operation=\"put\"}");
    assertThat(scrape).contains("juice_operation_seconds_count{layer=\"dht\",node=\"a\",operation=\"get\",outcome=\"ok\"}");
  }

  /** A crash, not a clean stop: b's member vanishes without handing its partitions over, so only the backups keep its values. */
  @Test
  @Order(6)
  void every_acknowledged_value_survives_the_crash_of_a_partition_owner() throws Exception {
    assertThat(acknowledged).hasSize(VALUES);
    assertThat(owners).contains("b");
    waitUntil(() -> a.context().hazelcast().getPartitionService().isClusterSafe(), "cluster safe before stopping b");

    b.context().hazelcast().getLifecycleService().terminate();
    b.close().await(30, TimeUnit.SECONDS);
    nodes.remove(b);
    waitUntil(() -> a.context().hazelcast().getCluster().getMembers().size() == 2
      && c.context().hazelcast().getCluster().getMembers().size() == 2, "a and c see 2 members");

    for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
      for (JuiceNode reader : List.of(a, c)) {
        DhtValue read = get(reader, entry.getKey());
        assertThat(read.getFound()).as(entry.getKey() + " through " + reader.context().nodeId()).isTrue();
        assertThat(read.getValue().toStringUtf8()).isEqualTo(entry.getValue());
        assertThat(read.getOwnerNode()).isIn("a", "c");
      }
    }
    DhtStats stats = ask(a, Addresses.DHT_STATS, DhtStatsRequest.getDefaultInstance(), DhtStats.class);
    assertThat(stats.getMembersList()).extracting(DhtMember::getNodeId).containsExactlyInAnyOrder("a", "c");
  }
}
