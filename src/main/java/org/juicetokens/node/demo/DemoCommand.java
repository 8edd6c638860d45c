package org.juicetokens.node.demo;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/juice demo}: a local cluster of node processes, seeded and driven through the public
 * API until Ctrl-C (or {@code --duration}), then stopped cleanly and removed. The stop runs once,
 * from whichever comes first: the end of the duration on this thread, or the JVM's shutdown hook
 * (SIGINT from Ctrl-C, SIGTERM), which waits for it to finish before the JVM exits.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
  description = "Start a local cluster of node processes, seed identities and tokens, and drive transfers, attestations, eggs"
    + " and renewals until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--nodes", defaultValue = "3", description = "node processes, 1-3 (default ${DEFAULT-VALUE})")
  int nodeCount;
  @Option(names = "--dir", description = "demo directory: node data and logs (default: a new temp directory)")
  Path dir;
  @Option(names = "--keep", description = "keep the demo directory at the end")
  boolean keep;
  @Option(names = "--duration", defaultValue = "0", description = "stop by itself after driving this many seconds (0: until Ctrl-C)")
  long durationSeconds;
  @Option(names = "--rate", defaultValue = "5/s", description = "actions per second: N/s, N/m (default ${DEFAULT-VALUE})")
  String rate;
  @Option(names = "--mix", defaultValue = MixPlan.DEFAULT_MIX, description = "weights of the actions (default ${DEFAULT-VALUE})")
  String mix;
  @Option(names = "--seed-identities", defaultValue = "9", description = "identities to create, spread over the nodes (default ${DEFAULT-VALUE})")
  int seedIdentities;
  @Option(names = "--seed-tokens", defaultValue = "10", description = "tokens of 10 minted to each identity (default ${DEFAULT-VALUE})")
  int seedTokens;
  @Option(names = "--time-scale", defaultValue = "86400", description = "lifecycle.timeScale of the nodes: 86400 = a day per second (default ${DEFAULT-VALUE})")
  double timeScale;
  @Option(names = "--heap", defaultValue = "256m", description = "-Xmx of each node (default ${DEFAULT-VALUE})")
  String heap;
  @Option(names = "--status-every", defaultValue = "5", description = "seconds between status lines (default ${DEFAULT-VALUE})")
  int statusSeconds;
  @Option(names = "--stop-timeout", defaultValue = "20", description = "seconds a node has to stop after SIGTERM before SIGKILL (default ${DEFAULT-VALUE})")
  int stopTimeoutSeconds;

  PrintStream out = System.out;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile DemoNodes nodes;
  private volatile DemoDriver driver;
  private volatile Path demoDir;
  private volatile boolean removeDir;
  private volatile boolean createdDir;
  private volatile int exit = 1;

  @Override
  public Integer call() throws Exception {
    MixPlan plan;
    try {
      plan = MixPlan.of(mix, rate);
      check(nodeCount >= 1 && nodeCount <= 3, "--nodes must be 1-3");
      check(seedIdentities >= 2 && seedIdentities <= 200, "--seed-identities must be 2-200");
      check(seedTokens >= 1 && seedTokens <= 1000, "--seed-tokens must be 1-1000");
      check(timeScale >= 1, "--time-scale must be >= 1");
      check(durationSeconds >= 0 && statusSeconds >= 1 && stopTimeoutSeconds >= 1, "--duration, --status-every, --stop-timeout must be positive");
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    String token = HexFormat.of().formatHex(randomBytes());
    // a directory that existed before is not ours to remove: only what the demo put in it goes
    createdDir = dir == null || !Files.exists(dir);
    demoDir = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("juice-demo");
    removeDir = !keep;
    Thread hook = new Thread(() -> {
      stopRequested.countDown();
      shutdown("signal");
    }, "juice-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      exit = run(plan, token);
    } catch (IOException | RuntimeException e) {
      // a node that did not start, a seeding call refused: the processes started so far still stop
      out.println("demo failed: " + e.getMessage());
      exit = 1;
    } finally {
      shutdown(exit == 0 ? "done" : "failure");
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already stopping: the hook waits for the stop above
    }
    return exit;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private int run(MixPlan plan, String token) throws IOException, InterruptedException {
    out.println("demo: starting " + nodeCount + " node process(es) in " + demoDir + " (lifecycle.timeScale " + (long) timeScale + ")");
    DemoHttp http = new DemoHttp(token);
    nodes = DemoNodes.start(demoDir, nodeCount, heap, token, Map.of(
      "JT_LIFECYCLE_TIME_SCALE", String.valueOf(timeScale),
      "JT_PEER_POLL_MS", "300",
      // a notice scan per scaled day, not every 200 ms
      "JT_RENEWAL_SCAN_MINUTES", "1440"));
    for (DemoNodes.Node n : nodes.nodes()) {
      out.println("  node " + n.id() + ": pid " + n.process().pid() + ", http 127.0.0.1:" + n.httpPort() + ", cluster port "
        + n.clusterPort() + ", log " + n.log());
    }
    if (!nodes.awaitHealthy(http, 180_000, stopRequested, out)) {
      return stopRequested.getCount() == 0 ? 0 : 1;
    }
    out.println("demo: all " + nodeCount + " nodes healthy");
    boolean terminal = System.console() != null && out == System.out;
    DemoSeeder.Seeded seeded = DemoSeeder.seed(http, nodes, seedIdentities, seedTokens, out, terminal);
    out.println("demo: seeded " + seeded.members().size() + " identities with " + seedTokens + " tokens of 10 each"
      + (seeded.poolId().isEmpty() ? "" : ", genesis pool " + seeded.poolId()));
    out.println();
    out.println("  console:   http://127.0.0.1:" + nodes.node(0).httpPort() + "/admin/"
      + (nodeCount > 1 ? "  (each node has one: ports " + ports() + ")" : ""));
    out.println("  API token: " + token + "   (export JT_API_TOKEN=" + token + ")");
    out.println();
    out.println("demo: driving at " + plan.perSecond() + " actions/s (" + mix + ")"
      + (durationSeconds > 0 ? " for " + durationSeconds + " s" : "") + "; Ctrl-C stops everything");
    DemoStats stats = new DemoStats();
    driver = new DemoDriver(http, nodes, seeded, plan, stats, out);
    driver.start(statusSeconds);
    if (durationSeconds > 0) {
      stopRequested.await(durationSeconds, TimeUnit.SECONDS);
    } else {
      stopRequested.await();
    }
    driver.stop(TimeUnit.SECONDS.toMillis(stopTimeoutSeconds));
    if (stopRequested.getCount() == 0) {
      return 0; // Ctrl-C: the shutdown hook stops the nodes, no audit of a cluster going away
    }
    out.println(stats.statusLine(driver.elapsedSeconds()));
    if (!stats.lastError.get().isEmpty()) {
      out.println("  last error: " + stats.lastError.get());
    }
    return audit(http) ? 0 : 1;
  }

  private String ports() {
    StringBuilder s = new StringBuilder();
    for (DemoNodes.Node n : nodes.nodes()) {
      s.append(s.length() == 0 ? "" : ", ").append(n.httpPort());
    }
    return s.toString();
  }

  /** The cluster-wide conservation audit, asked again for up to 30 s while transfers are still settling. */
  private boolean audit(DemoHttp http) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonObject last = new JsonObject();
    while (true) {
      try {
        DemoHttp.Answer a = http.get(nodes.node(0).httpPort(), "/api/v1/audit");
        last = a.body();
        if (a.ok() && last.getBoolean("conserved", false) && number(last, "inFlight") == 0 && number(last, "inDoubt") == 0) {
          out.println("audit: conserved — minted " + units(last, "mintedHundredths") + ", held " + units(last, "heldHundredths")
            + ", expired " + units(last, "expiredHundredths") + ", renewed " + units(last, "renewedHundredths") + " in "
            + number(last, "tokenCount") + " tokens on " + last.getJsonArray("nodes", new io.vertx.core.json.JsonArray()).size()
            + " node(s)");
          return true;
        }
      } catch (IOException | RuntimeException e) {
        last = new JsonObject().put("error", String.valueOf(e.getMessage()));
      }
      if (System.nanoTime() > deadline) {
        out.println("audit: NOT conserved: " + last.encode());
        return false;
      }
      if (stopRequested.await(500, TimeUnit.MILLISECONDS)) {
        return false; // Ctrl-C: the nodes are being stopped
      }
    }
  }

  /** A count of the report: proto3 JSON writes int64 as a string, int32 as a number, and leaves out zeros. */
  private static long number(JsonObject report, String field) {
    return Long.parseLong(String.valueOf(report.getValue(field, "0")));
  }

  private static String units(JsonObject report, String field) {
    long h = number(report, field);
    return String.format("%d.%02d", h / 100, h % 100);
  }

  /**
   * Stops the driver and the nodes and removes the directory, once; a second caller (the shutdown
   * hook while the duration's stop runs, or the reverse) waits until it is done.
   */
  private void shutdown(String why) {
    if (!stopping.compareAndSet(false, true)) {
      try {
        stopped.await(2L * stopTimeoutSeconds + 30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      out.println("demo: stopping (" + why + ")");
      if (driver != null) {
        driver.stop(TimeUnit.SECONDS.toMillis(5));
      }
      if (nodes != null) {
        nodes.stop(TimeUnit.SECONDS.toMillis(stopTimeoutSeconds), out);
      }
      if (removeDir && demoDir != null) {
        out.println(DemoDirectory.remove(demoDir, createdDir,
          nodes == null ? java.util.List.of() : nodes.nodes().stream().map(DemoNodes.Node::log).toList()));
      } else if (demoDir != null) {
        out.println("demo: kept " + demoDir + " (node data and logs)");
      }
      out.println("demo: stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      out.flush();
      stopped.countDown();
    }
  }
}
