package org.juicetokens.crypto;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded memo of POSITIVE Ed25519 verifications. The transfer path checks the same signatures
 * again and again (an identity document on every DHT read, the tail links of a telomere on every
 * hop); a verification is a pure function of (public key, data, signature), so its {@code true}
 * can be remembered. The key is SHA-256 over all three inputs (key and data length-prefixed, so
 * no two different triples share an encoding): a hit means these exact bytes were verified
 * before. A {@code false} is never remembered, a miss verifies for real, so nothing that was not
 * verified is ever accepted.
 *
 * <p>Bounded, first-in first-out: a ring of {@code capacity} slots names the entries in insertion
 * order and each insertion evicts the one it overwrites. Thread-safe without locks; concurrent
 * insertions may leave the set briefly a few entries (one per racing thread) above capacity.
 * Capacity 0 turns the memo off (every call verifies, nothing is counted).
 *
 * <p>The node uses one shared instance ({@link #shared}, sized by {@code crypto.verifiedCacheEntries}
 * at node start through {@link #configure}): a static is acceptable here because the memo holds
 * only facts that are true for everyone (these bytes verify), so nodes in one JVM may share it.
 */
public final class VerifiedSignatures {
  /** The default size of the shared memo; at ~150 bytes an entry, 65,536 entries are ~10 MiB when full. */
  public static final int DEFAULT_ENTRIES = 65_536;

  /** Checks a signature for real. */
  @FunctionalInterface
  public interface Verifier {
    boolean verify(byte[] publicKey, byte[] data, byte[] signature);
  }

  private static volatile VerifiedSignatures shared = new VerifiedSignatures(DEFAULT_ENTRIES);

  private final int capacity;
  private final Map<Digest, Boolean> verified;
  private final AtomicReferenceArray<Digest> ring;
  private final AtomicLong inserted = new AtomicLong();
  private final LongAdder hits;
  private final LongAdder misses;

  public VerifiedSignatures(int capacity) {
    this(capacity, new LongAdder(), new LongAdder());
  }

  private VerifiedSignatures(int capacity, LongAdder hits, LongAdder misses) {
    if (capacity < 0) {
      throw new IllegalArgumentException("a verified-signature cache of " + capacity + " entries");
    }
    this.capacity = capacity;
    this.verified = new ConcurrentHashMap<>(Math.min(capacity, 1024));
    this.ring = new AtomicReferenceArray<>(capacity);
    this.hits = hits;
    this.misses = misses;
  }

  /** The memo {@link Ed25519#verify} goes through. */
  public static VerifiedSignatures shared() {
    return shared;
  }

  /**
   * Sizes the shared memo (at node start). An unchanged size keeps what is remembered, so a
   * second node started in the same JVM does not empty it; the hit and miss counts carry over.
   */
  public static void configure(int capacity) {
    VerifiedSignatures current = shared;
    if (current.capacity != capacity) {
      shared = new VerifiedSignatures(capacity, current.hits, current.misses);
    }
  }

  /**
   * Meters of the shared memo: {@code juice.crypto.verify.cache} (counter, result=hit|miss) and
   * {@code juice.crypto.verify.cache.entries} (gauge). Shared by the nodes of one JVM, like the memo.
   */
  public static void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("juice.crypto.verify.cache", VerifiedSignatures.class, c -> shared.hits())
      .tag("result", "hit").description("Ed25519 verifications answered by the memo of positive verifications")
      .register(registry);
    FunctionCounter.builder("juice.crypto.verify.cache", VerifiedSignatures.class, c -> shared.misses())
      .tag("result", "miss").description("Ed25519 verifications not in the memo, verified for real")
      .register(registry);
    Gauge.builder("juice.crypto.verify.cache.entries", VerifiedSignatures.class, c -> shared.size())
      .description("Positive Ed25519 verifications remembered").register(registry);
  }

  /** {@code verifier}'s verdict on these inputs, from the memo when it was {@code true} before. */
  public boolean verify(byte[] publicKey, byte[] data, byte[] signature, Verifier verifier) {
    if (capacity == 0) {
      return verifier.verify(publicKey, data, signature);
    }
    Digest digest = Digest.of(publicKey, data, signature);
    if (verified.containsKey(digest)) {
      hits.increment();
      return true;
    }
    misses.increment();
    boolean valid = verifier.verify(publicKey, data, signature);
    if (valid) {
      remember(digest);
    }
    return valid;
  }

  private void remember(Digest digest) {
    if (verified.putIfAbsent(digest, Boolean.TRUE) != null) {
      return;
    }
    int slot = (int) Math.floorMod(inserted.getAndIncrement(), (long) capacity);
    Digest evicted = ring.getAndSet(slot, digest);
    if (evicted != null && !evicted.equals(digest)) {
      verified.remove(evicted);
    }
  }

  public int capacity() {
    return capacity;
  }

  /** Entries remembered now. */
  public int size() {
    return verified.size();
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** SHA-256 over (len(key) ‖ key ‖ len(data) ‖ data ‖ signature); equal when the bytes are equal. */
  private static final class Digest {
    private final byte[] bytes;
    private final int hash;

    private Digest(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    static Digest of(byte[] publicKey, byte[] data, byte[] signature) {
      MessageDigest sha = Hashes.newSha256();
      sha.update(length(publicKey.length));
      sha.update(publicKey);
      sha.update(length(data.length));
      sha.update(data);
      sha.update(signature);
      return new Digest(sha.digest());
    }

    private static byte[] length(int n) {
      return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Digest d && hash == d.hash && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
