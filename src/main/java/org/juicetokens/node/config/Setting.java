package org.juicetokens.node.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration setting: its dotted key (used in conf/node.json and {@code --set}), its
 * environment variable, its default, how to parse it and what form it expects.
 */
public record Setting(String key, String env, String defaultValue, Kind kind, String expected, String description,
                      boolean secret) {

  /** How a raw string becomes a typed value; parse failures name the expected form. */
  public enum Kind {
    STRING(s -> s),
    INT(Integer::parseInt),
    LONG(Long::parseLong),
    DOUBLE(Double::parseDouble),
    BOOLEAN(s -> switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> Boolean.TRUE;
      case "false", "no", "0" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException(s);
    }),
    LIST(s -> s.isBlank() ? List.of() : List.of(s.trim().split("\\s*,\\s*")));

    private final Function<String, Object> parser;

    Kind(Function<String, Object> parser) {
      this.parser = parser;
    }

    Object parse(String raw) {
      return parser.apply(raw.trim());
    }
  }
}
