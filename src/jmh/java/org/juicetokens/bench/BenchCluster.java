package org.juicetokens.bench;

import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Three cluster members in the benchmark's JVM (real Hazelcast, three RocksDB stores, the
 * clustered event bus between them), and the few calls every cluster benchmark needs to seed it.
 */
final class BenchCluster {
  static final long TIMEOUT_MS = 60_000;

  final List<JuiceNode> nodes = new ArrayList<>();

  /** Starts three members with {@code extra} settings on top of the defaults (log level WARN). */
  static BenchCluster start(String prefix, Map<String, String> extra) throws Exception {
    BenchCluster cluster = new BenchCluster();
    Path dataDir = Files.createTempDirectory("jt-" + prefix + "-");
    String name = prefix + "-" + UUID.randomUUID();
    int[] ports = {freePort(), freePort(), freePort()};
    String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    for (int i = 0; i < 3; i++) {
      Map<String, String> settings = new HashMap<>(Map.of("node.id", "n" + i, "http.port", "0", "node.dataDir", dataDir.toString(),
        "cluster.name", name, "cluster.port", String.valueOf(ports[i]), "cluster.members", members, "cluster.fastJoin", "true",
        "log.level", "WARN"));
      settings.putAll(extra);
      cluster.nodes.add(JuiceNode.start(NodeConfig.of(settings)).await(120, TimeUnit.SECONDS));
    }
    return cluster;
  }

  JuiceNode node(int i) {
    return nodes.get(i % nodes.size());
  }

  void close() throws Exception {
    for (JuiceNode node : nodes) {
      node.close().await(60, TimeUnit.SECONDS);
    }
  }

  /** No node commits before its time is VERIFIED or CONSENSUS (the time gate): one peer poll after the cluster formed. */
  void awaitAdequateTime() throws Exception {
    for (JuiceNode node : nodes) {
      long deadline = System.currentTimeMillis() + 60_000;
      TimeStatus status = TimeStatus.INADEQUATE;
      while (status != TimeStatus.CONSENSUS && status != TimeStatus.VERIFIED) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("time of " + node.context().nodeId() + " still " + status + " after 60 s");
        }
        Thread.sleep(100);
        status = Bus.request(node.vertx().eventBus(), Addresses.TIME_NOW, TimeRequest.getDefaultInstance(), TIMEOUT_MS, TimeReading.class)
          .await(TIMEOUT_MS, TimeUnit.MILLISECONDS).getStatus();
      }
    }
  }

  /** A new identity homed on {@code node}; its id. */
  static String identity(JuiceNode node, String name) throws Exception {
    return Bus.request(node.vertx().eventBus(), Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(),
      TIMEOUT_MS, IdentityView.class).await(TIMEOUT_MS, TimeUnit.MILLISECONDS).getDocument().getId();
  }

  static void mint(JuiceNode node, String issuer, String owner, String reference, int denomination, int count) throws Exception {
    Bus.request(node.vertx().eventBus(), Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner)
      .setReference(reference).setDenomination(denomination).setCount(count).build(), TIMEOUT_MS, MintReply.class)
      .await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
