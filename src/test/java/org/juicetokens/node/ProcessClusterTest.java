package org.juicetokens.node;

import io.vertx.core.json.JsonObject;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.NodeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three node processes, configured only through JT_* variables as an operator would, form one
 * cluster; a node killed with SIGKILL leaves it and rejoins when restarted on its data directory.
 */
class ProcessClusterTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path data;

  private final List<NodeProcess> processes = new ArrayList<>();

  @AfterEach
  void killAll() throws InterruptedException {
    for (NodeProcess p : processes) {
      p.close();
    }
  }

  @Test
  void three_processes_given_each_other_form_one_cluster_and_a_killed_one_rejoins() throws Exception {
    String cluster = "test-" + UUID.randomUUID();
    int[] clusterPorts = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    int[] httpPorts = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    String members = "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1] + ",127.0.0.1:" + clusterPorts[2];

    for (int i = 0; i < 3; i++) {
      processes.add(NodeProcess.start("p" + i, env(cluster, members, i, clusterPorts[i], httpPorts[i])));
    }
    for (NodeProcess p : processes) {
      p.awaitLine("is up", 90, TimeUnit.SECONDS);
    }
    for (int port : httpPorts) {
      awaitClusterSize(port, 3);
    }

    processes.get(2).kill();
    awaitClusterSize(httpPorts[0], 2);
    awaitClusterSize(httpPorts[1], 2);

    NodeProcess restarted = NodeProcess.start("p2-restarted", env(cluster, members, 2, clusterPorts[2], httpPorts[2]));
    processes.add(restarted);
    restarted.awaitLine("is up", 90, TimeUnit.SECONDS);
    for (int port : httpPorts) {
      awaitClusterSize(port, 3);
    }

    // SIGTERM is a clean stop (the JVM's exit code for it is 128 + 15) and the others see the member leave
    processes.get(1).stop();
    assertThat(processes.get(1).waitForExit(15, TimeUnit.SECONDS)).isEqualTo(143);
    assertThat(processes.get(1).output()).anyMatch(line -> line.contains("node p1 stopped cleanly"));
    awaitClusterSize(httpPorts[0], 2);
  }

  private Map<String, String> env(String cluster, String members, int i, int clusterPort, int httpPort) {
    Map<String, String> env = new HashMap<>();
    env.put("JT_NODE_ID", "p" + i);
    env.put("JT_DATA_DIR", data.toString());
    env.put("JT_HTTP_PORT", String.valueOf(httpPort));
    env.put("JT_HTTP_HOST", "127.0.0.1");
    env.put("JT_CLUSTER_NAME", cluster);
    env.put("JT_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("JT_CLUSTER_MEMBERS", members);
    env.put("JT_CLUSTER_FAST_JOIN", "true");
    return env;
  }

  /** Polls /health until the DHT check reports {@code size} members (or fails after 60 s with the last answer). */
  private static void awaitClusterSize(int httpPort, int size) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        last = response.body();
        JsonObject health = new JsonObject(last);
        for (Object check : health.getJsonArray("checks")) {
          JsonObject c = (JsonObject) check;
          if ("dht".equals(c.getString("id")) && c.getJsonObject("data") != null
            && c.getJsonObject("data").getInteger("clusterSize", -1) == size) {
            return;
          }
        }
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("node on port " + httpPort + " never reported " + size + " members; last /health: " + last);
  }
}
