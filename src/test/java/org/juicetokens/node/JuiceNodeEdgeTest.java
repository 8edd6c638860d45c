package org.juicetokens.node;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.juicetokens.api.Await;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real JuiceNode serves the edge on its one port: health, metrics, admin console, health details. */
class JuiceNodeEdgeTest {
  @Test
  void node_serves_health_metrics_admin_and_api_on_one_port(@TempDir Path tmp) throws Exception {
    int clusterPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      clusterPort = socket.getLocalPort();
    }
    JuiceNode node = JuiceNode.start(NodeConfig.of(Map.of("node.id", "smoke", "http.port", "0", "http.host", "127.0.0.1",
      "node.dataDir", tmp.toString(), "cluster.name", "test-" + UUID.randomUUID(), "cluster.port", String.valueOf(clusterPort),
      "cluster.fastJoin", "true"))).await(120, TimeUnit.SECONDS);
    try {
      WebClient web = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
      HttpResponse<Buffer> health = Await.result(web.get("/health").send());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.bodyAsString()).contains("\"id\":\"cluster\"", "\"id\":\"framing\"");
      assertThat(Await.result(web.get("/metrics").send()).bodyAsString()).contains("juice_admin_sse_connections", "process_cpu_seconds_total",
        "juice_frames_rejected_total{node=\"smoke\",reason=\"bad_checksum\"}");
      assertThat(Await.result(web.get("/admin/").send()).bodyAsString()).contains("JuiceTokens admin");
      assertThat(Await.result(web.get("/api/v1/health/details").send()).bodyAsJsonObject().getString("nodeId")).isEqualTo("smoke");
    } finally {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }
}
