package org.juicetokens.trust.chain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainStats;
import org.juicetokens.trust.chain.proto.ChainVerdict;
import org.juicetokens.trust.chain.proto.ChainVerification;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * juice_chain_appends_total{type,outcome} (outcome appended|duplicate|failed) and
 * juice_chain_verifications_total{outcome} (valid|broken), plus what the admin section shows.
 * Labels are bounded (entry types, outcomes); identity ids appear only in the stats body.
 * Touched on the verticle's event loop only.
 */
final class ChainMeters {
  private static final int LATEST = 10;
  private final MeterRegistry registry;
  private final Map<ChainEntryType, Long> appended = new EnumMap<>(ChainEntryType.class);
  private final Deque<ChainVerification> latest = new ArrayDeque<>();
  private long duplicates;
  private long failures;

  ChainMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void append(ChainEntryType type, String outcome) {
    Counter.builder("juice.chain.appends").description("Personal-chain appends on this node by entry type and outcome")
      .tag("type", type.name()).tag("outcome", outcome).register(registry).increment();
    switch (outcome) {
      case "appended" -> appended.merge(type, 1L, Long::sum);
      case "duplicate" -> duplicates++;
      default -> failures++;
    }
  }

  void verification(String identityId, ChainVerdict verdict, long atMs) {
    Counter.builder("juice.chain.verifications").description("Personal-chain verifications answered by this node")
      .tag("outcome", verdict.getValid() ? "valid" : "broken").register(registry).increment();
    latest.addFirst(ChainVerification.newBuilder().setIdentityId(identityId).setValid(verdict.getValid()).setLength(verdict.getLength())
      .setFirstBrokenSequence(verdict.getFirstBrokenSequence()).setAtMs(atMs).build());
    while (latest.size() > LATEST) {
      latest.removeLast();
    }
  }

  /** The health data: appends by type (an EnumMap copy: its iteration is safe from the health check's thread). */
  io.vertx.core.json.JsonObject health() {
    io.vertx.core.json.JsonObject byType = new io.vertx.core.json.JsonObject();
    new EnumMap<>(appended).forEach((type, count) -> byType.put(type.name(), count));
    return new io.vertx.core.json.JsonObject().put("appendsByType", byType).put("appendFailures", failures);
  }

  ChainStats stats() {
    ChainStats.Builder stats = ChainStats.newBuilder().setDuplicates(duplicates).setAppendFailures(failures).addAllLatestVerifications(latest);
    appended.forEach((type, count) -> stats.putAppendsByType(type.name(), count));
    return stats.build();
  }
}
