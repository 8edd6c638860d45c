package org.juicetokens.trust.identity;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Hex;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Proof-of-control challenges issued by this node: random bytes bound to one identity, valid
 * until their expiry, usable once (a consumed challenge is gone whatever the verdict, so a
 * proof cannot be replayed nor a signature retried against it). At most {@code maxOutstanding}
 * are held; expired ones are dropped first when full. Thread-safe.
 */
public final class Challenges {
  public static final int CHALLENGE_BYTES = 32;
  /** The shortest and longest challenge a home node agrees to sign (challenges of other issuers included). */
  public static final int MIN_BYTES = 16;
  public static final int MAX_BYTES = 64;
  private static final byte[] PROOF_DOMAIN = "jt.identity.proof\0".getBytes(StandardCharsets.UTF_8);

  /** What a consumption concluded. */
  public enum Outcome { ACCEPTED, UNKNOWN, EXPIRED, OTHER_IDENTITY }

  public record Issued(byte[] challenge, long expiresAtMs) {
  }

  private record Pending(String identityId, long expiresAtMs) {
  }

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final SecureRandom random;
  private final LongSupplier clock;
  private final long ttlMs;
  private final int maxOutstanding;

  public Challenges(SecureRandom random, LongSupplier clock, long ttlMs, int maxOutstanding) {
    this.random = random;
    this.clock = clock;
    this.ttlMs = ttlMs;
    this.maxOutstanding = maxOutstanding;
  }

  /** A new challenge for {@code identityId}; UNAVAILABLE when {@code maxOutstanding} unexpired ones are held. */
  public Issued issue(String identityId) {
    long now = clock.getAsLong();
    if (pending.size() >= maxOutstanding) {
      pending.values().removeIf(p -> p.expiresAtMs() <= now);
      if (pending.size() >= maxOutstanding) {
        throw new JuiceException(ErrorCode.UNAVAILABLE, "too many outstanding challenges (identity.maxChallenges = "
          + maxOutstanding + "); retry later");
      }
    }
    byte[] challenge = new byte[CHALLENGE_BYTES];
    random.nextBytes(challenge);
    Issued issued = new Issued(challenge, now + ttlMs);
    pending.put(Hex.of(challenge), new Pending(identityId, issued.expiresAtMs()));
    return issued;
  }

  /** Uses up {@code challenge}: accepted only when this node issued it for {@code identityId} and it has not expired. */
  public Outcome consume(String identityId, byte[] challenge) {
    Pending p = pending.remove(Hex.of(challenge));
    if (p == null) {
      return Outcome.UNKNOWN;
    }
    if (p.expiresAtMs() <= clock.getAsLong()) {
      return Outcome.EXPIRED;
    }
    return p.identityId().equals(identityId) ? Outcome.ACCEPTED : Outcome.OTHER_IDENTITY;
  }

  public int outstanding() {
    return pending.size();
  }

  /**
   * What an identity signs to prove control: a domain tag, the id and the challenge, so a proof
   * signature is never a valid signature of anything else the identity signs.
   */
  public static byte[] proofBytes(String identityId, byte[] challenge) {
    byte[] id = identityId.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[PROOF_DOMAIN.length + id.length + 1 + challenge.length];
    System.arraycopy(PROOF_DOMAIN, 0, out, 0, PROOF_DOMAIN.length);
    System.arraycopy(id, 0, out, PROOF_DOMAIN.length, id.length);
    System.arraycopy(challenge, 0, out, PROOF_DOMAIN.length + id.length + 1, challenge.length);
    return out;
  }
}
