package org.juicetokens.foundation.time;

import org.juicetokens.foundation.time.proto.TimeSourceType;

/**
 * The latest answer of one time source.
 *
 * @param name     "system", the NTP server as configured, or the peer's node id
 * @param offsetMs source time minus the local clock
 * @param seenAtMs the local clock when the answer arrived
 * @param error    the latest failure of this source since that answer, or empty
 */
public record TimeSample(TimeSourceType type, String name, long offsetMs, long roundTripMs, int confidence,
                         long seenAtMs, String error) {

  public TimeSample {
    if (type == null || type == TimeSourceType.TIME_SOURCE_TYPE_UNSPECIFIED || type == TimeSourceType.UNRECOGNIZED) {
      throw new IllegalArgumentException("a time sample needs a source type");
    }
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a time sample needs a source name");
    }
    if (confidence < 0 || confidence > 100) {
      throw new IllegalArgumentException("confidence must be 0-100, was " + confidence);
    }
    error = error == null ? "" : error;
  }

  /** The key of this source among the samples of one node: type and name. */
  public String key() {
    return key(type, name);
  }

  public static String key(TimeSourceType type, String name) {
    return type.name() + "/" + name;
  }

  public TimeSample withError(String failure) {
    return new TimeSample(type, name, offsetMs, roundTripMs, confidence, seenAtMs, failure);
  }
}
