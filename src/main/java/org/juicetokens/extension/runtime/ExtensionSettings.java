package org.juicetokens.extension.runtime;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

import java.nio.file.Path;

/** The runtime's settings (extension.*), read once when the host is built. */
public record ExtensionSettings(Path dir, long callTimeoutMs, int maxFailures, long resetTimeoutMs, int maxBreakerOpens,
                                long startTimeoutMs, long requestTimeoutMs) {

  public ExtensionSettings {
    if (callTimeoutMs < 1 || maxFailures < 1 || resetTimeoutMs < 1 || maxBreakerOpens < 1 || startTimeoutMs < 1 || requestTimeoutMs < 1) {
      throw new IllegalArgumentException("extension.* timeouts and counts must be > 0");
    }
  }

  public static ExtensionSettings of(NodeConfig config) {
    String dir = config.string(Settings.EXTENSION_DIR);
    return new ExtensionSettings(dir.isBlank() ? config.nodeDataDir().resolve("extensions") : Path.of(dir),
      config.longValue(Settings.EXTENSION_CALL_TIMEOUT_MS), config.integer(Settings.EXTENSION_MAX_FAILURES),
      config.longValue(Settings.EXTENSION_RESET_TIMEOUT_MS), config.integer(Settings.EXTENSION_MAX_BREAKER_OPENS),
      config.longValue(Settings.EXTENSION_START_TIMEOUT_MS), config.requestTimeoutMs());
  }
}
