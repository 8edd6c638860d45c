package org.juicetokens.testing;

import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.config.NodeConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Clusters of JuiceNodes in the test JVM: loopback, a fresh cluster name, free ports, fast join, one data dir root. */
public final class InJvmClusters {
  private InJvmClusters() {
  }

  /**
   * Starts {@code ids.size()} clustered nodes in order, member 0 listing no members (the fastest
   * join in one JVM), the others listing all; each under {@code tmp}. A failed start closes the
   * nodes already started.
   */
  public static List<JuiceNode> startCluster(Path tmp, List<String> ids, Map<String, String> extra) throws Exception {
    String cluster = "test-" + UUID.randomUUID();
    List<Integer> ports = ids.stream().map(i -> FreePorts.next()).toList();
    String members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    List<JuiceNode> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < ids.size(); i++) {
        nodes.add(start(settings(tmp, ids.get(i), cluster, ports.get(i), i == 0 ? "" : members, extra)));
      }
      return nodes;
    } catch (Exception | AssertionError e) {
      closeAll(nodes);
      throw e;
    }
  }

  /** The settings of one node of such a cluster, {@code extra} last. */
  public static Map<String, String> settings(Path tmp, String id, String cluster, int port, String members, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of(
      "node.id", id, "http.port", "0", "node.dataDir", tmp.toString(), "cluster.name", cluster,
      "cluster.port", String.valueOf(port), "cluster.members", members, "cluster.fastJoin", "true"));
    settings.putAll(extra);
    return settings;
  }

  public static JuiceNode start(Map<String, String> settings) throws Exception {
    return JuiceNode.start(NodeConfig.of(settings)).await(90, TimeUnit.SECONDS);
  }

  public static void closeAll(List<JuiceNode> nodes) throws Exception {
    Future.join(nodes.stream().map(JuiceNode::close).toList()).await(60, TimeUnit.SECONDS);
  }

  /**
   * Waits (up to 60 s) until every node's time status is VERIFIED or CONSENSUS: a node commits no
   * transfer before (the time gate), and a fresh cluster gets there one peer poll after it formed.
   */
  public static void awaitAdequateTime(List<JuiceNode> nodes) throws InterruptedException {
    for (JuiceNode node : nodes) {
      long deadline = System.currentTimeMillis() + 60_000;
      TimeStatus status = TimeStatus.INADEQUATE;
      while (status != TimeStatus.CONSENSUS && status != TimeStatus.VERIFIED) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("time of node " + node.context().nodeId() + " still " + status + " after 60 s");
        }
        Thread.sleep(100);
        try {
          status = Bus.request(node.vertx().eventBus(), Addresses.TIME_NOW, TimeRequest.getDefaultInstance(), 5_000, TimeReading.class)
            .await(10, TimeUnit.SECONDS).getStatus();
        } catch (Exception e) {
          status = TimeStatus.INADEQUATE;
        }
      }
    }
  }
}
