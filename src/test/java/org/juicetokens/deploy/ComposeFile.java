package org.juicetokens.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as Compose reads it, for the structural tests: YAML merge keys resolved
 * (SnakeYAML does), {@code ${NAME:-default}} interpolated with the default (never the
 * environment of the build, so the test sees what a fresh shell gets), and environment lists
 * ({@code - KEY=value}) read like mappings.
 */
final class ComposeFile {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  private final Map<String, Object> root;

  private ComposeFile(Map<String, Object> root) {
    this.root = root;
  }

  static ComposeFile read(Path file) throws IOException {
    return new ComposeFile(yaml(file));
  }

  /** Any YAML file as plain maps, lists and scalars. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) throws IOException {
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    return (Map<String, Object>) interpolate(parsed);
  }

  Map<String, Object> root() {
    return root;
  }

  Map<String, Object> services() {
    return map(root.get("services"));
  }

  Map<String, Object> service(String name) {
    Map<String, Object> service = map(services().get(name));
    if (service.isEmpty()) {
      throw new AssertionError("no service " + name + " in docker-compose.yml");
    }
    return service;
  }

  /** The service's environment as a map, whichever of the two Compose forms the file uses. */
  Map<String, String> environment(String name) {
    Object env = service(name).get("environment");
    Map<String, String> out = new LinkedHashMap<>();
    if (env instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else if (env instanceof List<?> l) {
      for (Object entry : l) {
        String s = String.valueOf(entry);
        int eq = s.indexOf('=');
        out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    } else if (o instanceof Map<?, ?> m) {
      m.keySet().forEach(x -> out.add(String.valueOf(x)));
    } else if (o != null) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  private static Object interpolate(Object o) {
    if (o instanceof String s) {
      Matcher m = VARIABLE.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), interpolate(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(interpolate(x)));
      return out;
    }
    return o;
  }
}
