package org.juicetokens.foundation.time;

import io.vertx.core.Future;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceReading;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.foundation.time.TimeTestSupport.await;
import static org.juicetokens.foundation.time.TimeTestSupport.eventually;
import static org.juicetokens.foundation.time.TimeTestSupport.freePort;

/** Three nodes in one JVM on loopback, no NTP: the PEERS source and the consensus rules end to end. */
class TimeClusterTest {
  private static final long SETTLE_MS = 60_000;

  private static List<JuiceNode> startCluster(Path tmp, Map<String, String> skewByNode) throws Exception {
    String cluster = "test-" + UUID.randomUUID();
    List<String> ids = List.of("a", "b", "c");
    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    String members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    List<JuiceNode> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < ids.size(); i++) {
        Map<String, String> settings = new HashMap<>(Map.of(
          "node.id", ids.get(i), "http.port", "0", "node.dataDir", tmp.toString(), "cluster.name", cluster,
          "cluster.port", String.valueOf(ports.get(i)), "cluster.members", i == 0 ? "" : members, "cluster.fastJoin", "true",
          "time.peerPollIntervalMs", "300"));
        settings.put("time.skewMs", skewByNode.getOrDefault(ids.get(i), "0"));
        nodes.add(await(JuiceNode.start(NodeConfig.of(settings))));
      }
      return nodes;
    } catch (Exception | AssertionError e) {
      closeAll(nodes);
      throw e;
    }
  }

  private static void closeAll(List<JuiceNode> nodes) throws Exception {
    await(Future.join(nodes.stream().map(JuiceNode::close).toList()));
  }

  private static List<TimeSourceReading> peers(TimeReading reading) {
    return reading.getSourcesList().stream().filter(s -> s.getType() == TimeSourceType.PEERS).toList();
  }

  private static TimeSourceReading peer(TimeReading reading, String id) {
    return peers(reading).stream().filter(s -> s.getName().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void three_nodes_without_ntp_reach_consensus_with_every_peer_contributing(@TempDir Path tmp) throws Exception {
    List<JuiceNode> nodes = startCluster(tmp, Map.of());
    try {
      for (JuiceNode node : nodes) {
        TimeReading reading = eventually(node.vertx(), r -> r.getStatus() == TimeStatus.CONSENSUS && peers(r).size() == 2
          && r.getSourcesList().stream().noneMatch(TimeSourceReading::getExcluded), SETTLE_MS);

        assertThat(reading.getConfidence()).isGreaterThan(TimeConsensus.INADEQUATE_CAP);
        assertThat(Math.abs(reading.getConsensusOffsetMs())).isLessThan(1_000);
      }
    } finally {
      closeAll(nodes);
    }
  }

  @Test
  void a_node_skewed_by_ten_seconds_is_inadequate_and_the_others_exclude_it(@TempDir Path tmp) throws Exception {
    List<JuiceNode> nodes = startCluster(tmp, Map.of("c", "10000"));
    try {
      TimeReading skewed = eventually(nodes.get(2).vertx(), r -> peers(r).size() == 2, SETTLE_MS);
      assertThat(skewed.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
      assertThat(peers(skewed)).allSatisfy(p -> assertThat(p.getOffsetMs()).isBetween(-11_000L, -9_000L));

      for (JuiceNode healthy : nodes.subList(0, 2)) {
        TimeReading reading = eventually(healthy.vertx(), r -> r.getStatus() == TimeStatus.CONSENSUS && peers(r).size() == 2, SETTLE_MS);

        TimeSourceReading c = peer(reading, "c");
        assertThat(c.getExcluded()).isTrue();
        assertThat(c.getOffsetMs()).isBetween(9_000L, 11_000L);
        String other = healthy == nodes.get(0) ? "b" : "a";
        assertThat(peer(reading, other).getExcluded()).isFalse();
        assertThat(Math.abs(reading.getConsensusOffsetMs())).isLessThan(1_000);
      }
      assertThat(TimeTestSupport.now(nodes.get(2).vertx()).getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    } finally {
      closeAll(nodes);
    }
  }
}
