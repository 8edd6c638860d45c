package org.juicetokens.trust.attestation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The attestation meters. Labels are bounded: {@code type} is one of {@code attestation.types},
 * {@code outcome} ok/refused/failed or valid/invalid, {@code reason} one of the verification reasons.
 */
final class AttestationMeters {
  static final String CREATED = "juice.attestations.created";
  static final String VERIFICATIONS = "juice.attestation.verifications";

  private final MeterRegistry registry;

  AttestationMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  void created(String type, String outcome) {
    Counter.builder(CREATED).description("Attestations created (or refused) on this node").tag("type", type).tag("outcome", outcome)
      .register(registry).increment();
  }

  void verified(String reason) {
    Counter.builder(VERIFICATIONS).description("Attestation verifications on read").tag("outcome", reason.isEmpty() ? "valid" : "invalid")
      .tag("reason", reason.isEmpty() ? "none" : reason).register(registry).increment();
  }
}
