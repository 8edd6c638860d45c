package org.juicetokens.trust.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.juicetokens.crypto.Ed25519;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The identity layer's own meters beyond {@code juice_operation_seconds}: key generation time
 * ({@code juice_identity_key_generation_seconds}), verification outcomes with a bounded reason
 * ({@code juice_identity_verifications_total{outcome,reason}}) and the identities homed here
 * ({@code juice_identity_homed}). Also keeps the same figures for the admin console.
 */
final class IdentityMeters {
  static final String KEY_GENERATION = "juice.identity.key.generation";
  static final String VERIFICATIONS = "juice.identity.verifications";
  static final String HOMED = "juice.identity.homed";

  private final MeterRegistry registry;
  private final Timer keyGeneration;
  private final Gauge homed;
  private final LongAdder valid = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
  private final AtomicLong keyGenerationMaxNanos = new AtomicLong();

  IdentityMeters(MeterRegistry registry, Supplier<Number> homedCount) {
    this.registry = registry;
    this.keyGeneration = Timer.builder(KEY_GENERATION).description("Time to generate an identity key pair").register(registry);
    this.homed = Gauge.builder(HOMED, homedCount).description("Identities whose keys live on this node").register(registry);
  }

  Ed25519.PrivateKey generateKey(SecureRandom random) {
    long start = System.nanoTime();
    Ed25519.PrivateKey key = Ed25519.generate(random);
    long nanos = System.nanoTime() - start;
    keyGeneration.record(nanos, TimeUnit.NANOSECONDS);
    keyGenerationMaxNanos.accumulateAndGet(nanos, Math::max);
    return key;
  }

  void verified() {
    valid.increment();
    counter("valid", "none").increment();
  }

  void rejected(Rejection reason) {
    rejected.increment();
    byReason.computeIfAbsent(reason.tag(), r -> new LongAdder()).increment();
    counter("rejected", reason.tag()).increment();
  }

  long valid() {
    return valid.sum();
  }

  long rejectedCount() {
    return rejected.sum();
  }

  Map<String, Long> rejectionsByReason() {
    Map<String, Long> out = new java.util.TreeMap<>();
    byReason.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  double keyGenerationMeanMs() {
    return keyGeneration.mean(TimeUnit.MILLISECONDS);
  }

  /** The slowest generation since start (the timer's own max decays with its window). */
  double keyGenerationMaxMs() {
    return keyGenerationMaxNanos.get() / 1e6;
  }

  private Counter counter(String outcome, String reason) {
    return Counter.builder(VERIFICATIONS).description("Identity document verifications by outcome and reason")
      .tags("outcome", outcome, "reason", reason).register(registry);
  }

  void close() {
    registry.remove(keyGeneration);
    registry.remove(homed);
  }
}
