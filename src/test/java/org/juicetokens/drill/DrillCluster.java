package org.juicetokens.drill;

import io.vertx.core.json.JsonObject;
import org.juicetokens.testing.NodeProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Three node processes ({@code org.juicetokens.node.Main node}, the test classpath, -Xmx384m), each
 * in its own network namespace on the drills' bridge ({@link Netns}), all on the same ports as in
 * the compose file (Hazelcast 5701, event bus 5801, HTTP 8080 on the node's own address), and the
 * faults a drill applies to one node:
 * <ul>
 *   <li>delay ± jitter on everything node {@link #DELAYED} sends to the other nodes, through
 *       {@link DelayProxy} relays (0 ms until set): iptables DNAT in the namespaces steers every
 *       connection to or from that node's 5701/5801 through them, from the start of the cluster;</li>
 *   <li>loss: {@code iptables -m statistic --mode random} DROP of a share of what the node sends (its egress, as netem would);</li>
 *   <li>bandwidth: a {@code tbf} qdisc on the node's veth (its egress);</li>
 *   <li>partition: DROP of everything in and out of the node's veth except the harness's HTTP calls
 *       to the node (its users can still reach it; its peers cannot);</li>
 *   <li>SIGKILL and restart on the same data directory, optionally with other settings (time.skewMs).</li>
 * </ul>
 */
final class DrillCluster implements AutoCloseable {
  static final int NODES = 3;
  static final int DELAYED = 2;
  static final int CLUSTER_PORT = 5701;
  static final int EVENT_BUS_PORT = 5801;
  static final int HTTP_PORT = 8080;
  private static final String PARTITION = "jtd-partition";
  private static final String LOSS = "jtd-loss";

  private final Netns net = new Netns(NODES);
  private final String clusterName = "drill-" + UUID.randomUUID();
  private final Path data;
  private final NodeProcess[] processes = new NodeProcess[NODES + 1];
  private final int[] starts = new int[NODES + 1];
  /** Whether node i's current process has printed "is up" (its output lines are consumed once). */
  private final boolean[] up = new boolean[NODES + 1];
  private final List<DelayProxy> proxies = new ArrayList<>();
  private final DelayProxy.Setting delay = new DelayProxy.Setting();
  private final String logLevel;
  private Thread hook;
  private volatile boolean closed;

  private DrillCluster(Path data, String logLevel) {
    this.data = data;
    this.logLevel = logLevel;
  }

  /** Builds the network, starts the three nodes and waits until they form one cluster with adequate time. */
  static DrillCluster start() throws Exception {
    DrillCluster c = new DrillCluster(Files.createTempDirectory("jt-drill-data"), System.getProperty("drill.logLevel", "INFO"));
    // a test JVM stopped from outside (Ctrl-C, a fork timeout) still removes its namespaces and nodes
    Thread hook = new Thread(c::close, "drill-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    c.hook = hook;
    try {
      c.net.create();
      c.installDelayPath();
      for (int i = 1; i <= NODES; i++) {
        c.launch(i, Map.of());
      }
      c.awaitHealthy(Duration.ofSeconds(120));
      return c;
    } catch (Exception | AssertionError e) {
      c.close();
      throw e;
    }
  }

  String http(int i) {
    return net.address(i) + ":" + HTTP_PORT;
  }

  String address(int i) {
    return net.address(i);
  }

  NodeProcess process(int i) {
    return processes[i];
  }

  // ---- faults ----

  /** Delay ± jitter on what node {@link #DELAYED} sends to its peers (0, 0 restores). */
  void delay(long ms, long jitterMs) {
    delay.set(ms, jitterMs);
  }

  /** Drops {@code percent} % of the packets node {@code i} sends (its egress); 0 removes the rule. */
  void loss(int i, int percent) throws IOException, InterruptedException {
    deleteRules(i, LOSS);
    if (percent > 0) {
      net.in(i, "iptables", "-A", "OUTPUT", "-o", net.nodeLink(i), "-m", "statistic", "--mode", "random",
        "--probability", String.valueOf(percent / 100.0), "-m", "comment", "--comment", LOSS, "-j", "DROP");
    }
  }

  /** Limits node {@code i}'s egress to {@code rate} (tc syntax, e.g. "1mbit"); null removes the limit. */
  void bandwidth(int i, String rate) throws IOException, InterruptedException {
    if (rate == null) {
      try {
        net.in(i, "tc", "qdisc", "del", "dev", net.nodeLink(i), "root");
      } catch (IOException e) {
        // no qdisc to remove
      }
      return;
    }
    net.in(i, "tc", "qdisc", "replace", "dev", net.nodeLink(i), "root", "tbf", "rate", rate, "burst", "32kbit", "latency", "400ms");
  }

  /** The qdisc line of node {@code i}'s veth (tc qdisc show), for the report. */
  String qdisc(int i) throws IOException, InterruptedException {
    return net.in(i, "tc", "qdisc", "show", "dev", net.nodeLink(i)).strip();
  }

  /** Cuts node {@code i} off from its peers (silent drops both ways); the harness can still call its HTTP API. */
  void partition(int i) throws IOException, InterruptedException {
    String link = net.nodeLink(i);
    String gw = net.gateway();
    String port = String.valueOf(HTTP_PORT);
    net.in(i, "iptables", "-I", "INPUT", "1", "-i", link, "-m", "comment", "--comment", PARTITION, "-j", "DROP");
    net.in(i, "iptables", "-I", "INPUT", "1", "-i", link, "-s", gw, "-p", "tcp", "--dport", port,
      "-m", "comment", "--comment", PARTITION, "-j", "ACCEPT");
    net.in(i, "iptables", "-I", "OUTPUT", "1", "-o", link, "-m", "comment", "--comment", PARTITION, "-j", "DROP");
    net.in(i, "iptables", "-I", "OUTPUT", "1", "-o", link, "-d", gw, "-p", "tcp", "--sport", port,
      "-m", "comment", "--comment", PARTITION, "-j", "ACCEPT");
  }

  void heal(int i) throws IOException, InterruptedException {
    deleteRules(i, PARTITION);
  }

  /** Every fault off: no delay, no loss, no limit, no partition (the DNAT steering stays: it is the topology). */
  void clearFaults() throws IOException, InterruptedException {
    delay(0, 0);
    for (int i = 1; i <= NODES; i++) {
      loss(i, 0);
      heal(i);
      bandwidth(i, null);
    }
  }

  /** The rules of node {@code i}'s filter table tagged with {@code tag}, deleted one by one. */
  private void deleteRules(int i, String tag) throws IOException, InterruptedException {
    for (String line : net.in(i, "iptables", "-S").split("\n")) {
      if (line.startsWith("-A ") && line.contains(tag)) {
        List<String> command = new ArrayList<>(List.of("iptables", "-D"));
        command.addAll(shellWords(line.substring(3)));
        net.in(i, command.toArray(String[]::new));
      }
    }
  }

  /** iptables -S quotes nothing our rules contain, so whitespace splits them (quotes around a comment dropped). */
  private static List<String> shellWords(String spec) {
    List<String> words = new ArrayList<>();
    for (String w : spec.trim().split("\\s+")) {
      words.add(w.replace("\"", ""));
    }
    return words;
  }

  // ---- processes ----

  /** SIGKILL: a crash. */
  void kill(int i) throws InterruptedException {
    processes[i].kill();
  }

  /** Starts node {@code i} again on its data directory with extra JT_* settings (e.g. JT_TIME_SKEW_MS). */
  void restart(int i, Map<String, String> extraEnv) throws Exception {
    if (processes[i] != null && processes[i].isAlive()) {
      processes[i].kill();
    }
    launch(i, extraEnv);
  }

  private void launch(int i, Map<String, String> extraEnv) throws IOException {
    starts[i]++;
    up[i] = false;
    Map<String, String> env = new HashMap<>(env(i));
    env.putAll(extraEnv);
    processes[i] = NodeProcess.startWith(net.execPrefix(i), "-Xmx384m", "drill-n" + i + "-" + starts[i], env);
  }

  private Map<String, String> env(int i) {
    List<String> members = new ArrayList<>();
    for (int j = 1; j <= NODES; j++) {
      members.add(net.address(j) + ":" + CLUSTER_PORT);
    }
    Map<String, String> env = new HashMap<>();
    env.put("JT_NODE_ID", "n" + i);
    env.put("JT_DATA_DIR", data.toString());
    env.put("JT_HTTP_HOST", net.address(i));
    env.put("JT_HTTP_PORT", String.valueOf(HTTP_PORT));
    env.put("JT_CLUSTER_NAME", clusterName);
    env.put("JT_CLUSTER_HOST", net.address(i));
    env.put("JT_CLUSTER_PORT", String.valueOf(CLUSTER_PORT));
    env.put("JT_CLUSTER_EVENT_BUS_PORT", String.valueOf(EVENT_BUS_PORT));
    env.put("JT_CLUSTER_MEMBERS", String.join(",", members));
    env.put("JT_CLUSTER_FAST_JOIN", "true");
    env.put("JT_CLUSTER_MERGE_DELAY_S", "5");
    env.put("JT_PEER_POLL_MS", "1000");
    env.put("JT_LOG_LEVEL", logLevel);
    return env;
  }

  /**
   * Relays for every connection to or from node {@link #DELAYED}'s cluster ports: its own outgoing
   * connections (DNAT in its namespace, the bytes it sends delayed) and its peers' connections to it
   * (DNAT in theirs, its answers delayed).
   */
  private void installDelayPath() throws IOException, InterruptedException {
    for (int j = 1; j <= NODES; j++) {
      if (j == DELAYED) {
        continue;
      }
      for (int port : new int[] {CLUSTER_PORT, EVENT_BUS_PORT}) {
        DelayProxy out = new DelayProxy(net.gateway(), net.address(j), port, true, delay);
        proxies.add(out);
        dnat(DELAYED, net.address(j), port, out.port());
        DelayProxy in = new DelayProxy(net.gateway(), net.address(DELAYED), port, false, delay);
        proxies.add(in);
        dnat(j, net.address(DELAYED), port, in.port());
      }
    }
  }

  private void dnat(int inNode, String destination, int port, int proxyPort) throws IOException, InterruptedException {
    net.in(inNode, "iptables", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", destination, "--dport", String.valueOf(port),
      "-j", "DNAT", "--to-destination", net.gateway() + ":" + proxyPort);
  }

  // ---- observing ----

  /** Waits until every node is up, sees 3 members and has adequate time (VERIFIED or CONSENSUS). */
  void awaitHealthy(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 1; i <= NODES; i++) {
      awaitUp(i, deadline);
    }
    String last = "";
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int i = 1; i <= NODES && all; i++) {
        last = "n" + i + ": " + describe(i);
        all = clusterSize(i) == NODES && adequateTime(i);
      }
      if (all) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("the cluster did not become healthy within " + timeout + "; last: " + last);
  }

  /**
   * Waits until every node measured the time of every other node (a request and its reply over the
   * clustered event bus: TimeVerticle pings each peer every JT_PEER_POLL_MS) after {@code sinceMs}.
   * After a partition with silent drops, Hazelcast can see the whole cluster while an event-bus
   * connection is still in TCP retransmission back-off (a request sent then waited 5 s for nothing,
   * 6 s after the heal); a fresh answer from every peer shows each direction carries traffic again.
   */
  void awaitPeersAnswering(long sinceMs, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int i = 1; i <= NODES && all; i++) {
        java.util.Set<String> heard = new java.util.TreeSet<>();
        for (Object s : time(i).getJsonArray("sources", new io.vertx.core.json.JsonArray())) {
          JsonObject source = (JsonObject) s;
          if ("PEERS".equals(source.getString("type")) && source.getString("error", "").isEmpty()
            && Long.parseLong(String.valueOf(source.getValue("lastSeenMs", "0"))) >= sinceMs) {
            heard.add(source.getString("name"));
          }
        }
        last = "n" + i + " heard " + heard + " since " + sinceMs;
        all = heard.size() >= NODES - 1;
      }
      if (all) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new AssertionError("not every node heard every peer within " + timeout + "; last: " + last);
  }

  /** Waits for the current process of node {@code i} to print "is up" (at once when it already did). */
  void awaitUp(int i, long deadlineNanos) throws InterruptedException {
    if (!up[i]) {
      processes[i].awaitLine("is up", Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadlineNanos - System.nanoTime())), TimeUnit.SECONDS);
      up[i] = true;
    }
  }

  int clusterSize(int i) {
    try {
      DrillHttp.Answer a = DrillHttp.call(http(i), "GET", "/health", null, Duration.ofSeconds(5));
      for (Object check : a.body().getJsonArray("checks", new io.vertx.core.json.JsonArray())) {
        JsonObject c = (JsonObject) check;
        if ("dht".equals(c.getString("id")) && c.getJsonObject("data") != null) {
          return c.getJsonObject("data").getInteger("clusterSize", -1);
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** GET /api/v1/time of node {@code i}, or an empty object when it does not answer. */
  JsonObject time(int i) {
    try {
      return DrillHttp.call(http(i), "GET", "/api/v1/time", null, Duration.ofSeconds(5)).body();
    } catch (IOException | InterruptedException | RuntimeException e) {
      return new JsonObject();
    }
  }

  boolean adequateTime(int i) {
    String status = time(i).getString("status", "");
    return status.equals("CONSENSUS") || status.equals("VERIFIED");
  }

  private String describe(int i) {
    return "clusterSize=" + clusterSize(i) + " time=" + time(i).getString("status", "?");
  }

  /**
   * Polls the cluster-wide audit (asked of node 1) until it is clean — conserved, all 3 members
   * answered, nothing locked, in doubt or in flight, no duplicate owner — or the timeout passes;
   * the last report either way.
   */
  JsonObject awaitCleanAudit(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last = new JsonObject();
    while (true) {
      try {
        DrillHttp.Answer a = DrillHttp.call(http(1), "GET", "/api/v1/audit", null, Duration.ofSeconds(60));
        last = a.body();
        if (a.ok() && clean(last)) {
          return last;
        }
      } catch (IOException | RuntimeException e) {
        last = new JsonObject().put("error", e.toString());
      }
      if (System.nanoTime() > deadline) {
        return last;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  static boolean clean(JsonObject audit) {
    return audit.getBoolean("conserved", false)
      && audit.getInteger("lockedTokens", 0) == 0
      && audit.getInteger("inDoubt", 0) == 0
      && audit.getInteger("inFlight", 0) == 0
      && audit.getInteger("duplicateOwners", 0) == 0
      && audit.getJsonArray("nodes", new io.vertx.core.json.JsonArray()).size() == NODES;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs this anyway
      }
    }
    for (DelayProxy p : proxies) {
      p.close();
    }
    for (int i = 1; i <= NODES; i++) {
      if (processes[i] != null) {
        try {
          processes[i].close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    net.destroy();
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
