package org.juicetokens.node.config;

/** A configuration value that cannot be used; the message names the key and the expected form. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  static ConfigException invalid(Setting setting, String source, Object raw) {
    return new ConfigException("invalid configuration: " + setting.key() + " (" + setting.env() + ", from " + source + ") = '"
      + (setting.secret() ? "****" : raw) + "': expected " + setting.expected());
  }
}
