package org.juicetokens.foundation.dht;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

/** The request limits of the DHT (settings {@code dht.maxKeyChars}, {@code dht.maxValueBytes}). */
public record DhtLimits(int maxKeyChars, int maxValueBytes) {

  public static DhtLimits from(NodeConfig config) {
    return new DhtLimits(config.integer(Settings.DHT_MAX_KEY_CHARS), config.integer(Settings.DHT_MAX_VALUE));
  }
}
