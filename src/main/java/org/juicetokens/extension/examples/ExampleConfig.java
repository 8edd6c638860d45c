package org.juicetokens.extension.examples;

import org.juicetokens.common.JuiceException;

import java.util.Map;

/** Reads an example extension's manifest config: whole numbers within bounds, else INVALID_ARGUMENT naming the key. Pure. */
final class ExampleConfig {
  private ExampleConfig() {
  }

  /** The key's value, {@code fallback} when absent (null: the key is required). */
  static long whole(Map<String, String> config, String key, Long fallback, long min, long max) {
    String text = config.get(key);
    if (text == null || text.isBlank()) {
      if (fallback == null) {
        throw JuiceException.invalidArgument("config " + key + " is required (a whole number " + min + "-" + max + ")");
      }
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw JuiceException.invalidArgument("config " + key + " is not a whole number: '" + text.trim() + "'");
    }
    if (value < min || value > max) {
      throw JuiceException.invalidArgument("config " + key + " must be " + min + "-" + max + ", not " + value);
    }
    return value;
  }
}
