package org.juicetokens.node.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo's node processes: {@code java -cp <this JVM's class path> org.juicetokens.node.Main node},
 * the same java binary and class path as the running command (the packaged jar under
 * {@code bin/juice}, the build's class path in tests), each configured by JT_* variables as an
 * operator would: loopback, free ports, its own data directory, one cluster name, one API token.
 * Output goes to {@code <dir>/n<i>.log}.
 */
final class DemoNodes {
  record Node(String id, int httpPort, int clusterPort, Process process, Path log) {
  }

  private final List<Node> nodes = new ArrayList<>();
  private final Path dir;

  private DemoNodes(Path dir) {
    this.dir = dir;
  }

  /** Starts {@code count} nodes under {@code dir}; {@code settings} are extra JT_* variables for every node. */
  static DemoNodes start(Path dir, int count, String heap, String token, Map<String, String> settings) throws IOException {
    DemoNodes demo = new DemoNodes(dir);
    String cluster = "demo-" + UUID.randomUUID();
    int[] http = new int[count];
    int[] hz = new int[count];
    List<String> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      http[i] = freePort();
      hz[i] = freePort();
      members.add("127.0.0.1:" + hz[i]);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < count; i++) {
      String id = "n" + (i + 1);
      Path log = dir.resolve(id + ".log");
      ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "org.juicetokens.node.Main", "node")
        .redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.startsWith("JT_"));
      env.putAll(settings);
      env.put("JT_NODE_ID", id);
      env.put("JT_DATA_DIR", dir.resolve("data").toString());
      env.put("JT_HTTP_HOST", "127.0.0.1");
      env.put("JT_HTTP_PORT", String.valueOf(http[i]));
      env.put("JT_CLUSTER_HOST", "127.0.0.1");
      env.put("JT_CLUSTER_NAME", cluster);
      env.put("JT_CLUSTER_PORT", String.valueOf(hz[i]));
      env.put("JT_CLUSTER_MEMBERS", String.join(",", members));
      env.put("JT_CLUSTER_FAST_JOIN", "true");
      env.put("JT_API_TOKEN", token);
      demo.nodes.add(new Node(id, http[i], hz[i], builder.start(), log));
    }
    return demo;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Node> nodes() {
    return List.copyOf(nodes);
  }

  Node node(int i) {
    return nodes.get(i);
  }

  int size() {
    return nodes.size();
  }

  /**
   * Waits until every node sees all members and has adequate time (VERIFIED or CONSENSUS: its
   * transfers can commit). {@code stop} ends the wait early (Ctrl-C); false then or on timeout.
   * A node process that exits meanwhile fails at once, with the tail of its log.
   */
  boolean awaitHealthy(DemoHttp http, long timeoutMs, CountDownLatch stop, PrintStream out) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    boolean[] reported = new boolean[nodes.size()];
    int healthy = 0;
    while (System.nanoTime() < deadline) {
      healthy = 0;
      for (int i = 0; i < nodes.size(); i++) {
        Node n = nodes.get(i);
        if (!n.process.isAlive()) {
          throw new IOException("node " + n.id + " exited with " + n.process.exitValue() + "; its log ends:\n" + tail(n.log, 15));
        }
        if (healthy(http, n)) {
          healthy++;
          if (!reported[i]) {
            reported[i] = true;
            out.println("  node " + n.id + " healthy (" + nodes.size() + " members, time adequate)");
          }
        }
      }
      if (healthy == nodes.size()) {
        return true;
      }
      if (stop.await(300, TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
    out.println("  " + healthy + " of " + nodes.size() + " nodes healthy after " + timeoutMs / 1000 + " s");
    return false;
  }

  private boolean healthy(DemoHttp http, Node n) throws InterruptedException {
    try {
      JsonObject health = http.get(n.httpPort, "/health").body();
      boolean members = false;
      for (Object check : health.getJsonArray("checks", new JsonArray())) {
        JsonObject c = (JsonObject) check;
        if ("dht".equals(c.getString("id")) && c.getJsonObject("data") != null) {
          members = c.getJsonObject("data").getInteger("clusterSize", -1) == nodes.size();
        }
      }
      String time = http.get(n.httpPort, "/api/v1/time").body().getString("status", "");
      return members && (time.equals("VERIFIED") || time.equals("CONSENSUS"));
    } catch (IOException | RuntimeException e) {
      return false; // not listening yet
    }
  }

  /**
   * Stops every node: SIGTERM to all (each runs its shutdown hook and closes cleanly), waits up to
   * {@code timeoutMs}, then SIGKILL to those still running. One line per node.
   */
  void stop(long timeoutMs, PrintStream out) throws InterruptedException {
    for (Node n : nodes) {
      n.process.toHandle().destroy();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    for (Node n : nodes) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (n.process.waitFor(left, TimeUnit.NANOSECONDS)) {
        boolean clean = tail(n.log, 30).contains("stopped cleanly");
        out.println("  node " + n.id + " (pid " + n.process.pid() + ") " + (clean ? "stopped cleanly" : "stopped")
          + " (exit " + n.process.exitValue() + ")");
      } else {
        n.process.destroyForcibly();
        n.process.waitFor(10, TimeUnit.SECONDS);
        out.println("  node " + n.id + " (pid " + n.process.pid() + ") killed: still running " + timeoutMs / 1000 + " s after SIGTERM");
      }
    }
  }

  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
