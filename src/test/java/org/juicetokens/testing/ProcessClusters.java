package org.juicetokens.testing;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What tests of node processes share: the JT_* environment an operator would set, and waiting for the cluster to form. */
public final class ProcessClusters {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  private ProcessClusters() {
  }

  /** The environment of node {@code nodeId}: loopback, its own ports, the shared data root, fast join. */
  public static Map<String, String> env(String nodeId, Path dataDir, String cluster, String members, int clusterPort, int httpPort) {
    Map<String, String> env = new HashMap<>();
    env.put("JT_NODE_ID", nodeId);
    env.put("JT_DATA_DIR", dataDir.toString());
    env.put("JT_HTTP_PORT", String.valueOf(httpPort));
    env.put("JT_HTTP_HOST", "127.0.0.1");
    env.put("JT_CLUSTER_NAME", cluster);
    env.put("JT_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("JT_CLUSTER_MEMBERS", members);
    env.put("JT_CLUSTER_FAST_JOIN", "true");
    return env;
  }

  /** Polls /health until the DHT check reports {@code size} members (or fails after 60 s with the last answer). */
  public static void awaitClusterSize(int httpPort, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        last = response.body();
        for (Object check : new JsonObject(last).getJsonArray("checks")) {
          JsonObject c = (JsonObject) check;
          if ("dht".equals(c.getString("id")) && c.getJsonObject("data") != null
            && c.getJsonObject("data").getInteger("clusterSize", -1) == size) {
            return;
          }
        }
      } catch (IOException | RuntimeException e) {
        last = e.toString();
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("node on port " + httpPort + " never reported " + size + " members; last /health: " + last);
  }

  /** Polls GET /api/v1/time until the node's status is VERIFIED or CONSENSUS (its transfers can commit), or fails after 60 s. */
  public static void awaitAdequateTime(int httpPort) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/time"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        last = response.body();
        String status = new JsonObject(last).getString("status", "");
        if (status.equals("CONSENSUS") || status.equals("VERIFIED")) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        last = e.toString();
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("node on port " + httpPort + " never had adequate time; last /api/v1/time: " + last);
  }
}
