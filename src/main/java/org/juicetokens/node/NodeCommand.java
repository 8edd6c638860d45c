package org.juicetokens.node;

import org.juicetokens.node.config.ConfigException;
import org.juicetokens.node.config.ConfigLoader;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Setting;
import org.juicetokens.node.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code bin/juice node}: runs a node until SIGTERM/SIGINT. */
@Command(name = "node", mixinStandardHelpOptions = true,
  description = "Run a node (embedded defaults: data under ./data/<nodeId>, HTTP on 8080, a cluster of one).")
final class NodeCommand implements Callable<Integer> {
  static final int EXIT_CONFIG = 2;
  static final int EXIT_START_FAILED = 1;

  @Option(names = "--config", description = "JSON config file (default: conf/node.json when present)")
  Path configFile;
  @Option(names = "--node-id", description = "node id (JT_NODE_ID)")
  String nodeId;
  @Option(names = "--port", description = "HTTP port (JT_HTTP_PORT)")
  String port;
  @Option(names = "--data-dir", description = "data root (JT_DATA_DIR)")
  String dataDir;
  @Option(names = "--cluster-members", description = "comma list of host:port (JT_CLUSTER_MEMBERS)")
  String members;
  @Option(names = "--cluster-port", description = "Hazelcast port (JT_CLUSTER_PORT)")
  String clusterPort;
  @Option(names = "--set", description = "any setting, key=value (repeatable)")
  Map<String, String> settings = new HashMap<>();
  @Option(names = "--help-config", description = "list every setting with its variable and default, then exit")
  boolean helpConfig;

  @Override
  public Integer call() {
    if (helpConfig) {
      printSettings();
      return 0;
    }
    NodeConfig config;
    try {
      config = ConfigLoader.load(configFile, System.getenv(), flags());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return EXIT_CONFIG;
    }
    Logging.configure(config);
    Logger log = LoggerFactory.getLogger(NodeCommand.class);
    log.info("[Monitoring] starting node {} with configuration {}", config.nodeId(), config.toMaskedJson().encode());
    JuiceNode node;
    try {
      node = JuiceNode.start(config).await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("[Monitoring] node {} failed to start: {}", config.nodeId(), e.getMessage(), e);
      return EXIT_START_FAILED;
    }
    Thread shutdown = new Thread(() -> {
      long begin = System.nanoTime();
      try {
        node.close().await(9, TimeUnit.SECONDS);
        log.info("[Monitoring] node {} stopped cleanly in {} ms", config.nodeId(), (System.nanoTime() - begin) / 1_000_000);
      } catch (Exception e) {
        // 9 s: inside Docker's default 10 s stop grace period; what was not flushed by then is recovered at the next start
        log.warn("[Monitoring] clean stop of node {} did not finish: {}", config.nodeId(),
          e instanceof java.util.concurrent.TimeoutException ? "not stopped within 9 s" : e.toString());
      }
    }, "juice-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    System.out.println("node " + config.nodeId() + " is up: http://localhost:" + node.httpPort() + "/admin/  (health: /health, metrics: /metrics)");
    // The node runs on Vert.x threads; this thread parks until the JVM stops (the hook closes the node).
    try {
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private Map<String, String> flags() {
    Map<String, String> flags = new HashMap<>(settings);
    putIf(flags, Settings.NODE_ID, nodeId);
    putIf(flags, Settings.HTTP_PORT, port);
    putIf(flags, Settings.DATA_DIR, dataDir);
    putIf(flags, Settings.CLUSTER_MEMBERS, members);
    putIf(flags, Settings.CLUSTER_PORT, clusterPort);
    return flags;
  }

  private static void putIf(Map<String, String> flags, Setting setting, String value) {
    if (value != null) {
      flags.put(setting.key(), value);
    }
  }

  private static void printSettings() {
    System.out.printf("%-34s %-28s %-12s %s%n", "key", "environment", "default", "meaning");
    for (Setting s : Settings.all()) {
      System.out.printf("%-34s %-28s %-12s %s (%s)%n", s.key(), s.env(), s.defaultValue().isEmpty() ? "-" : s.defaultValue(),
        s.description(), s.expected());
    }
  }
}
