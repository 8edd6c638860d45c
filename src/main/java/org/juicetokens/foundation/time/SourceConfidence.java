package org.juicetokens.foundation.time;

import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

/**
 * The confidence (0-100) of one source's answer, which is also its weight in the median.
 * SYSTEM: {@code time.systemConfidence} (80). NTP and PEERS: their base
 * ({@code time.ntpConfidence} 90, {@code time.peerConfidence} 70) minus one point per
 * {@value #RTT_MS_PER_POINT} ms of round trip (the offset's error bound is half the round trip),
 * never below {@value #MIN_CONFIDENCE}: a slow answer still counts, just less.
 */
public record SourceConfidence(int system, int ntpBase, int peerBase) {
  public static final int RTT_MS_PER_POINT = 20;
  public static final int MIN_CONFIDENCE = 10;

  public SourceConfidence {
    for (int c : new int[] {system, ntpBase, peerBase}) {
      if (c < 1 || c > 100) {
        throw JuiceException.invalidArgument("time source confidences must be 1-100, got " + c);
      }
    }
  }

  public static SourceConfidence from(NodeConfig config) {
    return new SourceConfidence(config.integer(Settings.TIME_SYSTEM_CONFIDENCE), config.integer(Settings.TIME_NTP_CONFIDENCE),
      config.integer(Settings.TIME_PEER_CONFIDENCE));
  }

  public int of(TimeSourceType type, long roundTripMs) {
    return switch (type) {
      case SYSTEM -> system;
      case NTP -> reduced(ntpBase, roundTripMs);
      case PEERS -> reduced(peerBase, roundTripMs);
      default -> throw JuiceException.invalidArgument("unknown time source type " + type);
    };
  }

  private static int reduced(int base, long roundTripMs) {
    long penalty = Math.max(0, roundTripMs) / RTT_MS_PER_POINT;
    return (int) Math.max(Math.min(base, MIN_CONFIDENCE), base - penalty);
  }
}
