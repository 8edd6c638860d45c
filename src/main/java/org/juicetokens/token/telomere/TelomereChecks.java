package org.juicetokens.token.telomere;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.juicetokens.common.JuiceException;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.TelomereFailure;
import org.juicetokens.token.proto.TelomereLinkSigned;
import org.juicetokens.token.proto.TelomereOperationStats;
import org.juicetokens.token.proto.TelomereReasonCount;
import org.juicetokens.token.proto.TelomereStats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link Telomeres#append} and {@link Telomeres#verify} as measured operations of one node (one
 * instance, in the NodeContext, used by every layer that transforms or verifies telomeres). Both are
 * CPU-only (two Ed25519 operations per link), so they run in the caller's thread and are recorded
 * with {@link Instrumented#recordSync} (layer telomere, operations "transform" and "verify"; a
 * verification that finds the telomere invalid is an operation error with its reason's code). It also counts
 * {@code juice_telomere_transformations_total{outcome=ok|error}} and
 * {@code juice_telomere_verifications_total{outcome=valid|invalid, reason}} (reason: a
 * {@link FailureReason}, bounded), and keeps the latest {@value #RECENT} failures for the admin
 * console. Lock-free and thread-safe.
 */
public final class TelomereChecks {
  public static final String TRANSFORMATIONS = "juice.telomere.transformations";
  public static final String VERIFICATIONS = "juice.telomere.verifications";
  static final int RECENT = 20;
  /** Token ids in the admin console and log lines are cut to this many characters. */
  static final int TOKEN_PREFIX = 16;

  private final Instrumented instrumented;
  private final Counter transformed;
  private final Counter refused;
  private final Map<FailureReason, Counter> verifications = new EnumMap<>(FailureReason.class);
  private final Map<FailureReason, LongAdder> failuresByReason = new EnumMap<>(FailureReason.class);
  private final Figures transform = new Figures();
  private final Figures verify = new Figures();
  private final AtomicReferenceArray<TelomereFailure> recent = new AtomicReferenceArray<>(RECENT);
  private final AtomicLong failures = new AtomicLong();

  public TelomereChecks(Instrumented instrumented, MeterRegistry registry) {
    this.instrumented = instrumented;
    this.transformed = Counter.builder(TRANSFORMATIONS).description("Telomere transformations (links appended or refused)")
      .tag("outcome", "ok").register(registry);
    this.refused = Counter.builder(TRANSFORMATIONS).description("Telomere transformations (links appended or refused)")
      .tag("outcome", "error").register(registry);
    // every reason registered up front: the maps are then only read, safe to share between threads
    for (FailureReason reason : FailureReason.values()) {
      verifications.put(reason, Counter.builder(VERIFICATIONS).description("Telomere verifications by outcome and failure reason")
        .tags("outcome", reason == FailureReason.NONE ? "valid" : "invalid", "reason", reason.name()).register(registry));
      failuresByReason.put(reason, new LongAdder());
    }
  }

  /** {@link Telomeres#verify}, measured and counted. */
  public TelomereVerification verify(String tokenId, SignedGenesis genesis, Telomere telomere, VerifyOptions options) {
    long start = System.nanoTime();
    TelomereVerification result = Telomeres.verify(tokenId, genesis, telomere, options);
    long nanos = System.nanoTime() - start;
    verify.record(result.valid(), nanos);
    verifications.get(result.reason()).increment();
    String token = prefix(tokenId);
    if (result.valid()) {
      instrumented.recordSync(Layer.TELOMERE, "verify", true, null, nanos, "token=" + token + " transfers=" + telomere.getTransfers());
    } else {
      failed("verify", result.reason(), token, result.detail(), result.failedLink());
      instrumented.recordSync(Layer.TELOMERE, "verify", false, result.reason().errorCode().name(), nanos,
        "token=" + token + " reason=" + result.reason() + " link=" + result.failedLink());
    }
    return result;
  }

  /** {@link Telomeres#append}, measured and counted; throws what it throws. */
  public Telomere append(Telomere current, TelomereLinkSigned signed, byte[] signerPublicKey, byte[] signature, int tailLinks) {
    long start = System.nanoTime();
    String token = prefix(signed.getTokenId());
    try {
      Telomere next = Telomeres.append(current, signed, signerPublicKey, signature, tailLinks);
      long nanos = System.nanoTime() - start;
      transform.record(true, nanos);
      transformed.increment();
      instrumented.recordSync(Layer.TELOMERE, "transform", true, null, nanos, "token=" + token + " transfer=" + next.getTransfers());
      return next;
    } catch (JuiceException e) {
      long nanos = System.nanoTime() - start;
      transform.record(false, nanos);
      refused.increment();
      FailureReason reason = reasonOf(e);
      failed("transform", reason, token, e.getMessage(), -1);
      instrumented.recordSync(Layer.TELOMERE, "transform", false, e.code().name(), nanos, "token=" + token + " reason=" + reason);
      throw e;
    }
  }

  /** Counts since start and the latest failures (newest first). */
  public TelomereStats stats(int tailLinks) {
    TelomereStats.Builder stats = TelomereStats.newBuilder()
      .setTransform(transform.snapshot())
      .setVerify(verify.snapshot())
      .setTailLinks(tailLinks)
      .setMaxEncodedBytes(Telomeres.maxEncodedSize(tailLinks));
    failuresByReason.forEach((reason, count) -> {
      long n = count.sum();
      if (n > 0) {
        stats.addFailuresByReason(TelomereReasonCount.newBuilder().setReason(reason.name()).setCount(n));
      }
    });
    long next = failures.get();
    for (long n = next - 1; n >= Math.max(0, next - RECENT); n--) {
      TelomereFailure failure = recent.get((int) (n % RECENT));
      if (failure != null) {
        stats.addRecent(failure);
      }
    }
    return stats.build();
  }

  private void failed(String operation, FailureReason reason, String token, String detail, int link) {
    failuresByReason.get(reason).increment();
    long n = failures.getAndIncrement();
    recent.set((int) (n % RECENT), TelomereFailure.newBuilder().setAtMs(System.currentTimeMillis()).setOperation(operation)
      .setReason(reason.name()).setTokenPrefix(token).setDetail(detail == null ? "" : detail).setFailedLink(link).build());
  }

  private static FailureReason reasonOf(JuiceException e) {
    try {
      return FailureReason.valueOf(e.details().getOrDefault("reason", FailureReason.MALFORMED.name()));
    } catch (IllegalArgumentException unknown) {
      return FailureReason.MALFORMED;
    }
  }

  private static String prefix(String tokenId) {
    return tokenId.length() <= TOKEN_PREFIX ? tokenId : tokenId.substring(0, TOKEN_PREFIX) + "…";
  }

  /** Count, failures and latency of one operation, lock-free. */
  private static final class Figures {
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();

    void record(boolean succeeded, long took) {
      (succeeded ? ok : failed).increment();
      nanos.add(took);
      maxNanos.accumulateAndGet(took, Math::max);
    }

    TelomereOperationStats snapshot() {
      long good = ok.sum();
      long bad = failed.sum();
      long count = good + bad;
      return TelomereOperationStats.newBuilder().setOk(good).setFailed(bad)
        .setSuccessRate(count == 0 ? 1.0 : (double) good / count)
        .setMeanMs(count == 0 ? 0.0 : nanos.sum() / 1e6 / count)
        .setMaxMs(maxNanos.get() / 1e6)
        .build();
    }
  }
}
