package org.juicetokens.trust.attestation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.juicetokens.trust.attestation.proto.AttestationStats;

/**
 * The attestation meters. Labels are bounded: {@code type} is one of {@code attestation.types},
 * {@code outcome} ok/refused/failed, valid/invalid or finished/refused/pending, {@code reason} one of the verification reasons.
 */
final class AttestationMeters {
  // not "juice.attestations.created": the Prometheus client strips a "_created" suffix (OpenMetrics reserves it)
  static final String CREATED = "juice.attestations.creations";
  static final String VERIFICATIONS = "juice.attestation.verifications";
  static final String RESUMED = "juice.attestation.resumed";

  private final MeterRegistry registry;

  AttestationMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void created(String type, String outcome) {
    Counter.builder(CREATED).description("Attestations created (or refused) on this node").tag("type", type).tag("outcome", outcome)
      .register(registry).increment();
  }

  /** The counters as registered so far (one per label set), summed into the admin figures. */
  AttestationStats stats() {
    AttestationStats.Builder b = AttestationStats.newBuilder();
    for (Counter c : registry.find(CREATED).counters()) {
      long n = (long) c.count();
      String outcome = c.getId().getTag("outcome");
      if ("ok".equals(outcome)) {
        b.setCreatedOk(b.getCreatedOk() + n).putCreatedByType(c.getId().getTag("type"),
          b.getCreatedByTypeOrDefault(c.getId().getTag("type"), 0) + n);
      } else if ("refused".equals(outcome)) {
        b.setCreatedRefused(b.getCreatedRefused() + n);
      } else {
        b.setCreatedFailed(b.getCreatedFailed() + n);
      }
    }
    for (Counter c : registry.find(VERIFICATIONS).counters()) {
      long n = (long) c.count();
      if ("valid".equals(c.getId().getTag("outcome"))) {
        b.setVerificationsValid(b.getVerificationsValid() + n);
      } else {
        b.setVerificationsInvalid(b.getVerificationsInvalid() + n).putInvalidByReason(c.getId().getTag("reason"),
          b.getInvalidByReasonOrDefault(c.getId().getTag("reason"), 0) + n);
      }
    }
    return b.build();
  }

  /** One pending creation taken up by the resumer: outcome finished (published and indexed), refused (revoked: index full) or pending. */
  void resumed(String outcome) {
    Counter.builder(RESUMED).description("Pending attestation creations taken up by the resumer").tag("outcome", outcome)
      .register(registry).increment();
  }

  void verified(String reason) {
    Counter.builder(VERIFICATIONS).description("Attestation verifications on read").tag("outcome", reason.isEmpty() ? "valid" : "invalid")
      .tag("reason", reason.isEmpty() ? "none" : reason).register(registry).increment();
  }
}
