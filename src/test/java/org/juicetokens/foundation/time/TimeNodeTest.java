package org.juicetokens.foundation.time;

import org.juicetokens.testing.SntpTestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.foundation.time.TimeTestSupport.await;
import static org.juicetokens.foundation.time.TimeTestSupport.eventually;
import static org.juicetokens.foundation.time.TimeTestSupport.freePort;

/** A whole node (JuiceNode, a cluster of one) with an SNTP server the test runs on loopback. */
class TimeNodeTest {

  @Test
  void a_node_with_a_loopback_ntp_server_is_verified_and_says_so_in_health_and_metrics(@TempDir Path tmp) throws Exception {
    try (SntpTestServer sntp = SntpTestServer.start(0)) {
      JuiceNode node = await(JuiceNode.start(NodeConfig.of(Map.of(
        "node.id", "ntp1", "http.port", "0", "node.dataDir", tmp.toString(),
        "cluster.name", "test-" + UUID.randomUUID(), "cluster.port", String.valueOf(freePort()), "cluster.fastJoin", "true",
        "time.ntpServers", sntp.address(), "time.ntpPollIntervalMs", "500"))));
      try {
        TimeReading reading = eventually(node.vertx(), r -> r.getStatus() == TimeStatus.VERIFIED, 30_000);
        assertThat(reading.getSourcesList()).anyMatch(s -> s.getType() == TimeSourceType.NTP && s.getName().equals(sntp.address()));
        assertThat(Math.abs(reading.getConsensusOffsetMs())).isLessThan(1_000);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + node.httpPort();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonObject timeCheck = new JsonObject(health.body()).getJsonArray("checks", new JsonArray()).stream()
          .map(JsonObject.class::cast).filter(c -> "time".equals(c.getString("id"))).findFirst().orElseThrow();
        assertThat(timeCheck.getString("status")).isEqualTo("UP");
        assertThat(timeCheck.getJsonObject("data").getString("timeStatus")).isEqualTo("VERIFIED");
        assertThat(timeCheck.getJsonObject("data").getString("status")).isEqualTo("UP");

        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("juice_time_drift_seconds\\{[^}]*source=\"" + sntp.address().replace(".", "\\.") + "\"[^}]*\\}")
          .containsPattern("juice_time_status\\{[^}]*status=\"VERIFIED\"[^}]*\\} 1\\.0")
          .contains("juice_time_confidence");
      } finally {
        await(node.close());
      }
    }
  }
}
