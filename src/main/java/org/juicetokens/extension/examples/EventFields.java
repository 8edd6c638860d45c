package org.juicetokens.extension.examples;

import io.vertx.core.json.JsonObject;

/**
 * Fields of a hook event's data, the proto3 JSON of a layer event: lowerCamel names (the JSON
 * printer's default) or the proto's own snake_case names, and int64 values printed as strings
 * (proto3 JSON) or as numbers. Pure.
 */
final class EventFields {
  private EventFields() {
  }

  /** The text of {@code camel} (or its snake_case twin); "" when absent. */
  static String text(JsonObject data, String camel) {
    Object value = raw(data, camel);
    return value == null ? "" : String.valueOf(value);
  }

  /** The whole number of {@code camel} (or its snake_case twin); 0 when absent or not a number. */
  static long whole(JsonObject data, String camel) {
    Object value = raw(data, camel);
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static Object raw(JsonObject data, String camel) {
    if (data == null) {
      return null;
    }
    Object value = data.getValue(camel);
    return value != null ? value : data.getValue(snake(camel));
  }

  static String snake(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
