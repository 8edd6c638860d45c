package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.InJvmClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.governance.health.NodeHealthTest.component;
import static org.juicetokens.governance.health.NodeHealthTest.eventually;

/**
 * Three nodes, c's clock 10 s ahead: the time component of each node says the right thing, then
 * a member is cut off (its Hazelcast member terminated): it is DOWN, and the cluster and DHT
 * components of the others turn DEGRADED. The second test
 * cuts the cluster the first one measured, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterNodeHealthTest {
  private static final List<JuiceNode> NODES = new ArrayList<>();

  @BeforeAll
  static void start(@TempDir Path tmp) throws Exception {
    String name = "test-" + UUID.randomUUID();
    List<Integer> ports = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
    String members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    Map<String, String> fast = Map.of("time.peerPollIntervalMs", "300", "health.evaluateIntervalMs", "300", "health.probeIntervalMs", "200");
    Map<String, String> skewed = new HashMap<>(fast);
    skewed.put("time.skewMs", "10000");
    NODES.add(InJvmClusters.start(InJvmClusters.settings(tmp, "a", name, ports.get(0), "", fast)));
    NODES.add(InJvmClusters.start(InJvmClusters.settings(tmp, "b", name, ports.get(1), members, fast)));
    NODES.add(InJvmClusters.start(InJvmClusters.settings(tmp, "c", name, ports.get(2), members, skewed)));
  }

  @AfterAll
  static void stop() throws Exception {
    InJvmClusters.closeAll(NODES);
  }

  @Test
  @Order(1)
  void a_node_whose_clock_is_skewed_beyond_tolerance_is_degraded_while_its_peers_are_up() throws Exception {
    JuiceNode a = NODES.get(0);
    JuiceNode c = NODES.get(2);
    JsonObject onA = eventually(a, "time UP on a (CONSENSUS with b)", d -> "UP".equals(component(d, "time").getString("status"))
      && component(d, "cluster").getString("dataJson").contains("\"members\":3"));
    assertThat(new JsonObject(component(onA, "time").getString("dataJson")).getString("timeStatus")).isEqualTo("CONSENSUS");

    // overall too: under load a procedure may miss its 1 s once (DOWN for that evaluation)
    JsonObject onC = eventually(c, "c measured its two peers", d -> new JsonObject(component(d, "time").getString("dataJson"))
      .getJsonArray("sources").size() >= 3 && "DEGRADED".equals(d.getString("overall")));
    JsonObject time = component(onC, "time");
    assertThat(time.getString("status")).isEqualTo("DEGRADED");
    assertThat(time.getString("reason")).startsWith("time INADEQUATE, transfers are refused");
    assertThat(new JsonObject(time.getString("dataJson")).getBoolean("committing")).isFalse();
    // serving, not committing: DEGRADED overall, /health still 200
    assertThat(onC.getString("overall")).isEqualTo("DEGRADED");
    assertThat(NodeHealthTest.get(c, "/health").statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void a_member_cut_off_is_down_and_turns_cluster_and_dht_degraded_on_the_others() throws Exception {
    JuiceNode a = NODES.get(0);
    eventually(a, "3 members seen", d -> "UP".equals(component(d, "dht").getString("status"))
      && component(d, "dht").getString("dataJson").contains("\"clusterSize\":3"));
    JuiceNode b = NODES.get(1);
    // a cut, not a clean leave: b's Hazelcast member dies without saying goodbye, b's HTTP keeps serving
    b.context().hazelcast().getLifecycleService().terminate();

    JsonObject onB = eventually(b, "cluster DOWN on b", d -> "DOWN".equals(component(d, "cluster").getString("status"))
      && "DOWN".equals(d.getString("overall")));
    assertThat(onB.getBoolean("up")).isFalse();
    assertThat(NodeHealthTest.get(b, "/health").statusCode()).isEqualTo(503);

    JsonObject cut = eventually(a, "cluster DEGRADED on a", d -> "DEGRADED".equals(component(d, "cluster").getString("status"))
      && "DEGRADED".equals(component(d, "dht").getString("status")) && "DEGRADED".equals(d.getString("overall")));
    assertThat(component(cut, "cluster").getString("reason")).isEqualTo("2 of 3 expected members: a member left or the cluster is cut");
    assertThat(component(cut, "dht").getString("reason")).startsWith("2 of 3 expected members");
    assertThat(cut.getString("overall")).isEqualTo("DEGRADED");
    assertThat(cut.getBoolean("up")).isTrue();
    NODES.remove(b);
    b.close().await(60, TimeUnit.SECONDS);
  }
}
