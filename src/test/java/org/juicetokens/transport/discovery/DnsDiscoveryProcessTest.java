package org.juicetokens.transport.discovery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DNS discovery through the JVM's own resolver, unchanged: the node runs in its own JVM whose
 * hosts file ({@code -Djdk.net.hosts.file}, given through JAVA_TOOL_OPTIONS) maps one name to two
 * loopback addresses, as a docker-compose service name with two replicas resolves.
 */
class DnsDiscoveryProcessTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void a_dns_name_resolving_to_two_loopback_addresses_yields_two_peers(@TempDir Path tmp) throws Exception {
    Path hosts = tmp.resolve("hosts");
    // the machine's own name too: the JVM then resolves only from this file
    Files.writeString(hosts, "127.0.0.1 peers.juice.test\n127.0.0.2 peers.juice.test\n127.0.0.1 localhost "
      + InetAddress.getLocalHost().getHostName() + "\n");
    int httpPort = FreePorts.next();
    try (NodeProcess node = NodeProcess.start("dns", Map.of(
      "JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts,
      "JT_NODE_ID", "dns1", "JT_HTTP_PORT", String.valueOf(httpPort), "JT_DATA_DIR", tmp.resolve("data").toString(),
      "JT_CLUSTER_NAME", "test-" + UUID.randomUUID(), "JT_CLUSTER_PORT", String.valueOf(FreePorts.next()),
      "JT_CLUSTER_FAST_JOIN", "true", "JT_PEERS", "peers.juice.test:9100"))) {
      node.awaitLine("is up", 90, TimeUnit.SECONDS);

      JsonObject result = get(httpPort, "/api/v1/peers:discover?method=DNS");

      assertThat(result.getBoolean("success")).as(result.encode()).isTrue();
      JsonArray peers = result.getJsonArray("peers");
      assertThat(peers.stream().map(p -> ((JsonObject) p).getString("pipeEndpoint")).sorted().toList())
        .containsExactly("ws://127.0.0.1:9100/pipe", "ws://127.0.0.2:9100/pipe");
      assertThat(peers.stream().map(p -> ((JsonObject) p).getString("name")).distinct().toList()).containsExactly("peers.juice.test:9100");
      JsonArray table = get(httpPort, "/api/v1/peers").getJsonArray("peers");
      assertThat(table.stream().map(p -> ((JsonObject) p).getString("method")).toList()).isEqualTo(List.of("DNS", "DNS"));
    }
  }

  private static JsonObject get(int port, String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }
}
