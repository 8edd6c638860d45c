package org.juicetokens.node.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds a {@link NodeConfig}: defaults, then the JSON file (nested objects, e.g.
 * {@code {"http": {"port": 8081}}}), then the environment ({@code JT_*}), then flags
 * ({@code --set key=value} and the named options). Each value is checked; the first bad one
 * fails with a {@link ConfigException} naming the key, its source and the expected form.
 */
public final class ConfigLoader {
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+:\\d{1,5}");

  private ConfigLoader() {
  }

  /**
   * @param file  the JSON file, or null for {@code conf/node.json} when it exists
   * @param env   the environment (System.getenv() in production)
   * @param flags values given on the command line, by setting key
   */
  public static NodeConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Setting s : Settings.all()) {
      values.put(s.key(), parse(s, s.defaultValue(), "default"));
    }
    Path configFile = file != null ? file : Path.of("conf", "node.json");
    if (file != null || Files.isRegularFile(configFile)) {
      readFile(configFile).forEach((key, raw) -> values.put(key, parse(known(key, configFile.toString()), raw, configFile.toString())));
    }
    for (Setting s : Settings.all()) {
      String raw = env.get(s.env());
      if (raw != null) {
        values.put(s.key(), parse(s, raw, "environment"));
      }
    }
    flags.forEach((key, raw) -> values.put(key, parse(known(key, "flags"), raw, "flags")));
    if (((String) values.get(Settings.NODE_ID.key())).isEmpty()) {
      values.put(Settings.NODE_ID.key(), defaultNodeId());
    }
    validate(values);
    return new NodeConfig(values);
  }

  private static Setting known(String key, String source) {
    Setting s = Settings.byKey(key);
    if (s == null) {
      throw new ConfigException("invalid configuration: unknown key '" + key + "' in " + source
        + " (see bin/juice node --help-config for the keys)");
    }
    return s;
  }

  private static Object parse(Setting s, String raw, String source) {
    try {
      return s.kind().parse(raw);
    } catch (RuntimeException e) {
      throw ConfigException.invalid(s, source, raw);
    }
  }

  private static Map<String, String> readFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("invalid configuration: cannot read config file " + file + ": " + e.getMessage());
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException e) {
      throw new ConfigException("invalid configuration: " + file + " is not a JSON object: " + e.getMessage());
    }
    Map<String, String> flat = new HashMap<>();
    flatten("", json, flat);
    return flat;
  }

  private static void flatten(String prefix, JsonObject json, Map<String, String> out) {
    for (String name : json.fieldNames()) {
      Object v = json.getValue(name);
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (v instanceof JsonObject nested) {
        flatten(key, nested, out);
      } else if (v instanceof JsonArray array) {
        out.put(key, String.join(",", array.stream().map(String::valueOf).toList()));
      } else {
        out.put(key, String.valueOf(v));
      }
    }
  }

  private static void validate(Map<String, Object> v) {
    check(v, Settings.NODE_ID, x -> NODE_ID.matcher((String) x).matches());
    check(v, Settings.HTTP_PORT, x -> (Integer) x >= 0 && (Integer) x <= 65535);
    check(v, Settings.CLUSTER_PORT, x -> (Integer) x >= 1 && (Integer) x <= 65535);
    check(v, Settings.CLUSTER_EVENT_BUS_PORT, x -> (Integer) x >= 0 && (Integer) x <= 65535);
    check(v, Settings.CLUSTER_NAME, x -> !((String) x).isBlank());
    check(v, Settings.CLUSTER_HOST, x -> !((String) x).isBlank());
    check(v, Settings.CLUSTER_MEMBERS, x -> ((List<?>) x).stream().allMatch(m -> HOST_PORT.matcher((String) m).matches() && port((String) m)));
    check(v, Settings.CLUSTER_MERGE_DELAY_S, x -> (Integer) x >= 1);
    check(v, Settings.LOG_FORMAT, x -> List.of("text", "json").contains(((String) x).toLowerCase(Locale.ROOT)));
    check(v, Settings.LOG_LEVEL, x -> List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(((String) x).toUpperCase(Locale.ROOT)));
    check(v, Settings.DATA_DIR, x -> !((String) x).isBlank());
    check(v, Settings.DHT_BACKUPS, x -> (Integer) x >= 1 && (Integer) x <= 6);
    for (Setting s : Settings.all()) {
      if (s.expected().startsWith("milliseconds >") || s.expected().startsWith("seconds >") || s.expected().startsWith("bytes >")
        || s.expected().startsWith("an integer >")) {
        boolean allowZero = s.expected().contains(">= 0");
        check(v, s, x -> ((Number) x).longValue() > 0 || (allowZero && ((Number) x).longValue() == 0));
      }
      if (s.expected().startsWith("a percentage 0-100")) {
        check(v, s, x -> ((Number) x).doubleValue() >= 0 && ((Number) x).doubleValue() <= 100);
      }
    }
  }

  private static boolean port(String hostPort) {
    int p = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    return p >= 1 && p <= 65535;
  }

  private static void check(Map<String, Object> values, Setting s, java.util.function.Predicate<Object> ok) {
    Object value = values.get(s.key());
    if (!ok.test(value)) {
      throw new ConfigException("invalid configuration: " + s.key() + " (" + s.env() + ") = '"
        + (value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : value)
        + "': expected " + s.expected());
    }
  }

  /** A stable default id: the host name, cleaned to the id alphabet. */
  static String defaultNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "node";
    }
    String cleaned = host.replaceAll("[^A-Za-z0-9_-]", "-");
    if (cleaned.length() > 64) {
      cleaned = cleaned.substring(0, 64);
    }
    return cleaned.isEmpty() ? "node" : cleaned;
  }
}
