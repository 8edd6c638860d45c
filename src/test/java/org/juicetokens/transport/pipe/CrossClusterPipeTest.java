package org.juicetokens.transport.pipe;

import com.google.protobuf.ByteString;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.transport.pipe.proto.PipeDelivery;
import org.juicetokens.transport.pipe.proto.PipeSendRequest;
import org.juicetokens.transport.pipe.proto.PipeSendResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.transport.pipe.PipeTestNode.await;
import static org.juicetokens.transport.pipe.PipeTestNode.eventually;

/** Two real nodes of two different clusters: the one configured with the other as a peer opens a pipe to it. */
class CrossClusterPipeTest {
  private static JuiceNode node(String id, Path dir, Map<String, String> extra) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of("node.id", id, "http.port", "0", "http.host", "127.0.0.1",
      "node.dataDir", dir.toString(), "cluster.name", "test-" + UUID.randomUUID(), "cluster.port", String.valueOf(FreePorts.next()),
      "cluster.fastJoin", "true", "transport.pipe.backoffMinMs", "200"));
    settings.putAll(extra);
    return JuiceNode.start(NodeConfig.of(settings)).await(120, TimeUnit.SECONDS);
  }

  @Test
  void a_node_with_peers_in_another_cluster_opens_pipes_listed_by_the_api(@TempDir Path tmp) throws Exception {
    JuiceNode east = node("east", tmp.resolve("east"), Map.of());
    JuiceNode west = null;
    try {
      List<PipeDelivery> atEast = new CopyOnWriteArrayList<>();
      east.vertx().eventBus().<PipeDelivery>localConsumer(Addresses.PIPE_DELIVERED, m -> atEast.add(m.body()));
      west = node("west", tmp.resolve("west"), Map.of("transport.peers", "ws://127.0.0.1:" + east.httpPort() + "/pipe"));
      WebClient eastWeb = WebClient.create(east.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(east.httpPort()));
      WebClient westWeb = WebClient.create(west.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(west.httpPort()));

      eventually(() -> "OPEN".equals(onlyPipe(westWeb).getString("state")), "west's pipe open");
      JsonObject outbound = onlyPipe(westWeb);
      assertThat(outbound.getString("peerNodeId")).isEqualTo("east");
      assertThat(outbound.getString("direction")).isEqualTo("OUTBOUND");
      assertThat(outbound.getString("endpoint")).isEqualTo("ws://127.0.0.1:" + east.httpPort() + "/pipe");
      JsonObject inbound = onlyPipe(eastWeb);
      assertThat(inbound.getString("peerNodeId")).isEqualTo("west");
      assertThat(inbound.getString("direction")).isEqualTo("INBOUND");
      assertThat(inbound.getString("state")).isEqualTo("OPEN");

      PipeSendRequest hello = PipeSendRequest.newBuilder().setPeerNodeId("east").setMessageType("test.CrossCluster")
        .setPayload(ByteString.copyFromUtf8("hello from west")).setAwaitAck(true).build();
      await(Bus.request(west.vertx().eventBus(), Addresses.PIPE_SEND, hello, 20_000, PipeSendResult.class));
      eventually(() -> atEast.size() == 1, "delivered at east");
      assertThat(atEast.get(0).getPayload().toStringUtf8()).isEqualTo("hello from west");
      assertThat(atEast.get(0).getPeerNodeId()).isEqualTo("west");

      JsonObject stats = onlyPipe(westWeb).getJsonObject("stats");
      assertThat(stats.getString("messagesSent")).isEqualTo("1");
      String metrics = await(westWeb.get("/metrics").send()).bodyAsString();
      assertThat(metrics).contains("juice_pipe_connected{node=\"west\"} 1.0", "juice_pipe_messages_total{direction=\"sent\",node=\"west\"} 1.0");
      assertThat(await(eastWeb.get("/health").send()).bodyAsString()).contains("\"id\":\"pipe\"");
    } finally {
      if (west != null) {
        west.close().await(30, TimeUnit.SECONDS);
      }
      east.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static JsonObject onlyPipe(WebClient web) {
    JsonArray pipes = await(web.get("/api/v1/pipes").send()).bodyAsJsonObject().getJsonArray("pipes");
    assertThat(pipes).hasSize(1);
    return pipes.getJsonObject(0);
  }
}
