package org.juicetokens.foundation.storage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StorePut;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole node (clustered Vert.x of one member) deploys the StorageVerticle and reports it in /health. */
class StorageNodeHealthTest {
  @TempDir
  Path dir;

  @Test
  void a_running_node_lists_the_storage_check_in_its_health() throws Exception {
    int clusterPort = freePort();
    JuiceNode node = JuiceNode.start(NodeConfig.of(Map.of(
      "node.id", "h1",
      "http.port", "0",
      "node.dataDir", dir.toString(),
      "cluster.name", "test-" + UUID.randomUUID(),
      "cluster.port", String.valueOf(clusterPort),
      "cluster.members", "127.0.0.1:" + clusterPort,
      "cluster.fastJoin", "true"))).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    try {
      StoreAck ack = Bus.request(node.vertx().eventBus(), Addresses.STORAGE_PUT,
          StorePut.newBuilder().setFamily("meta").setKey(com.google.protobuf.ByteString.copyFromUtf8("hello"))
            .setValue(com.google.protobuf.ByteString.copyFromUtf8("node")).setSync(true).build(), 10_000, StoreAck.class)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(ack.getSynced()).isTrue();

      HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/health")).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonArray checks = new JsonObject(response.body()).getJsonArray("checks");
      JsonObject storage = checks.stream().map(JsonObject.class::cast).filter(c -> "storage".equals(c.getString("id"))).findFirst().orElseThrow();
      assertThat(storage.getString("status")).isEqualTo("UP");
      assertThat(storage.getJsonObject("data").getString("path")).isEqualTo(dir.resolve("h1").resolve("store").toString());
      assertThat(storage.getJsonObject("data").getLong("writes")).isEqualTo(1);
    } finally {
      node.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
