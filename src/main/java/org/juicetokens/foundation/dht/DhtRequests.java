package org.juicetokens.foundation.dht;

import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutCondition;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtRemoveRequest;

/**
 * Input checks of DHT requests, before anything touches a map: a bad request fails with
 * INVALID_ARGUMENT and leaves no state behind.
 */
final class DhtRequests {
  private DhtRequests() {
  }

  static void check(DhtPutRequest r, DhtLimits limits) {
    checkMapAndKey(r.getMap(), r.getKey(), limits);
    if (r.getValue().size() > limits.maxValueBytes()) {
      throw JuiceException.invalidArgument("value of " + r.getValue().size() + " bytes exceeds dht.maxValueBytes = " + limits.maxValueBytes());
    }
    if (r.getTtlSeconds() < 0) {
      throw JuiceException.invalidArgument("ttlSeconds must be >= 0 (0 = the map's default), got " + r.getTtlSeconds());
    }
    if (r.getWrittenAtMs() < 0) {
      throw JuiceException.invalidArgument("writtenAtMs must be >= 0, got " + r.getWrittenAtMs());
    }
    boolean anySigner = !r.getSignerId().isEmpty() || !r.getSignerPublicKey().isEmpty() || !r.getSignature().isEmpty();
    boolean fullSigner = !r.getSignerId().isEmpty() && !r.getSignerPublicKey().isEmpty() && !r.getSignature().isEmpty();
    if (anySigner && !fullSigner) {
      throw JuiceException.invalidArgument("a signed entry needs signerId, signerPublicKey and signature together");
    }
    if (r.getCondition() == DhtPutCondition.UNRECOGNIZED) {
      throw JuiceException.invalidArgument("unknown put condition");
    }
    if (r.getCondition() != DhtPutCondition.IF_VALUE_MATCHES && !r.getExpectedValue().isEmpty()) {
      throw JuiceException.invalidArgument("expectedValue is only meaningful with condition IF_VALUE_MATCHES");
    }
    if (fullSigner && r.getWrittenAtMs() == 0) {
      throw JuiceException.invalidArgument("a signed entry needs writtenAtMs (it is part of the signed payload)");
    }
  }

  static void check(DhtGetRequest r, DhtLimits limits) {
    checkMapAndKey(r.getMap(), r.getKey(), limits);
  }

  static void check(DhtRemoveRequest r, DhtLimits limits) {
    checkMapAndKey(r.getMap(), r.getKey(), limits);
  }

  private static void checkMapAndKey(String map, String key, DhtLimits limits) {
    if (!DhtMaps.ALL.contains(map)) {
      throw JuiceException.invalidArgument("unknown DHT map '" + shorten(map) + "' (known: " + String.join(", ", DhtMaps.ALL) + ")");
    }
    if (key.isEmpty()) {
      throw JuiceException.invalidArgument("key must not be empty");
    }
    if (key.length() > limits.maxKeyChars()) {
      throw JuiceException.invalidArgument("key of " + key.length() + " characters exceeds dht.maxKeyChars = " + limits.maxKeyChars());
    }
  }

  /** A key or name cut for log lines and messages. */
  static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
