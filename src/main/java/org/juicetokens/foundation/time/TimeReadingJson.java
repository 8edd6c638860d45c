package org.juicetokens.foundation.time;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceReading;

/** A reading as plain JSON (numbers as numbers) for the health data and the admin console. */
public final class TimeReadingJson {
  private TimeReadingJson() {
  }

  public static JsonObject of(TimeReading reading) {
    JsonArray sources = new JsonArray();
    for (TimeSourceReading s : reading.getSourcesList()) {
      sources.add(new JsonObject()
        .put("type", s.getType().name())
        .put("name", s.getName())
        .put("offsetMs", s.getOffsetMs())
        .put("roundTripMs", s.getRoundTripMs())
        .put("confidence", s.getConfidence())
        .put("lastSeenMs", s.getLastSeenMs())
        .put("excluded", s.getExcluded())
        .put("error", s.getError()));
    }
    return new JsonObject()
      .put("status", reading.getStatus().name())
      .put("confidence", reading.getConfidence())
      .put("timestampMs", reading.getTimestampMs())
      .put("consensusOffsetMs", reading.getConsensusOffsetMs())
      .put("jumpSuspected", reading.getJumpSuspected())
      .put("reason", reading.getReason())
      .put("sources", sources);
  }
}
