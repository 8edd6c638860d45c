package org.juicetokens.node.config;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The node's typed, immutable configuration. Built once by {@link ConfigLoader}
 * (defaults, then conf/node.json or --config, then JT_* environment, then flags).
 */
public final class NodeConfig {
  private final Map<String, Object> values;

  NodeConfig(Map<String, Object> values) {
    this.values = Map.copyOf(values);
  }

  /** Defaults only, with overrides by key: the form tests use. */
  public static NodeConfig of(Map<String, String> overrides) {
    return ConfigLoader.load(null, Map.of(), overrides);
  }

  public NodeConfig with(Map<String, String> overrides) {
    java.util.HashMap<String, String> raw = new java.util.HashMap<>();
    values.forEach((k, v) -> raw.put(k, v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v)));
    raw.putAll(overrides);
    return ConfigLoader.load(null, Map.of(), raw);
  }

  public String string(Setting s) {
    return (String) values.get(s.key());
  }

  public int integer(Setting s) {
    return (Integer) values.get(s.key());
  }

  public long longValue(Setting s) {
    return (Long) values.get(s.key());
  }

  public double doubleValue(Setting s) {
    return (Double) values.get(s.key());
  }

  public boolean bool(Setting s) {
    return (Boolean) values.get(s.key());
  }

  @SuppressWarnings("unchecked")
  public List<String> list(Setting s) {
    return (List<String>) values.get(s.key());
  }

  // The settings every layer reads, typed.
  public String nodeId() {
    return string(Settings.NODE_ID);
  }

  /** The node's own directory: {@code <dataDir>/<nodeId>}. */
  public Path nodeDataDir() {
    return Path.of(string(Settings.DATA_DIR)).resolve(nodeId());
  }

  public int httpPort() {
    return integer(Settings.HTTP_PORT);
  }

  public String httpHost() {
    return string(Settings.HTTP_HOST);
  }

  public long requestTimeoutMs() {
    return longValue(Settings.REQUEST_TIMEOUT_MS);
  }

  public List<String> clusterMembers() {
    return list(Settings.CLUSTER_MEMBERS);
  }

  /** All values, secrets masked: what the node prints at start. */
  public JsonObject toMaskedJson() {
    JsonObject json = new JsonObject();
    for (Setting s : Settings.all()) {
      Object v = values.get(s.key());
      if (s.secret()) {
        json.put(s.key(), v == null || String.valueOf(v).isEmpty() ? "" : "****");
      } else {
        json.put(s.key(), v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : v);
      }
    }
    return json;
  }

  @Override
  public String toString() {
    return toMaskedJson().encode();
  }
}
