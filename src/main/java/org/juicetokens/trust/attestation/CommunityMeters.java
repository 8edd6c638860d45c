package org.juicetokens.trust.attestation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;

/**
 * Counters of the community operations: {@code juice.community.operations{op, outcome}}, op one of
 * create/propose/approve, outcome ok/duplicate/refused/denied/failed (bounded labels). A statement
 * reaching its threshold counts as AttestationMeters.created("community", "ok").
 */
final class CommunityMeters {
  static final String OPERATIONS = "juice.community.operations";

  private final MeterRegistry registry;
  private final AttestationMeters attestations;

  CommunityMeters(MeterRegistry registry, AttestationMeters attestations) {
    this.registry = registry;
    this.attestations = attestations;
  }

  void thresholdReached() {
    attestations.created("community", "ok");
  }

  /** Counts the outcome of {@code op} once {@code work} completes; answers {@code work}. */
  <T> Future<T> counted(String op, Future<T> work) {
    return work.onComplete(ok -> count(op, "ok"), failure -> failed(op, failure));
  }

  void failed(String op, Throwable failure) {
    count(op, outcome(failure));
  }

  void count(String op, String outcome) {
    Counter.builder(OPERATIONS).description("Community operations on this node").tag("op", op).tag("outcome", outcome)
      .register(registry).increment();
  }

  private static String outcome(Throwable failure) {
    if (failure instanceof JuiceException je) {
      return je.code() == ErrorCode.INVALID_ARGUMENT ? "refused" : je.code() == ErrorCode.PERMISSION_DENIED ? "denied" : "failed";
    }
    return "failed";
  }
}
