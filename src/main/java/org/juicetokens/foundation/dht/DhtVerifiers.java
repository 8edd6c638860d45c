package org.juicetokens.foundation.dht;

import org.juicetokens.foundation.dht.proto.DhtEntry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-node registry of entry verifiers, one per DHT map, filled by the layers that own the
 * maps' contents. A map without a verifier accepts unsigned entries and refuses signed ones
 * (a signature nobody can check must not look trusted); a map registered as signed-only also
 * refuses unsigned entries. Thread-safe: registration happens at deployment, lookups on every
 * operation.
 */
public final class DhtVerifiers {

  /** What a check concluded about one entry. */
  public enum Verdict {
    /** Signed, and the map's verifier accepted the signature. */
    VALID,
    /** Not signed, and the map accepts unsigned entries. */
    UNSIGNED,
    /** Signed, but the signature failed (or no verifier exists for the map). */
    BAD_SIGNATURE,
    /** Not signed, but the map is signed-only. */
    SIGNATURE_REQUIRED
  }

  private record Registration(DhtEntryVerifier verifier, boolean signedOnly) {
  }

  private final Map<String, Registration> byMap = new ConcurrentHashMap<>();

  /**
   * Registers (or replaces) the verifier of {@code map}.
   *
   * @param signedOnly whether unsigned entries are refused in this map
   */
  public void register(String map, DhtEntryVerifier verifier, boolean signedOnly) {
    if (!DhtMaps.ALL.contains(map)) {
      throw new IllegalArgumentException("not a DHT map: " + map);
    }
    byMap.put(map, new Registration(verifier, signedOnly));
  }

  public void unregister(String map) {
    byMap.remove(map);
  }

  public Optional<DhtEntryVerifier> verifierFor(String map) {
    return Optional.ofNullable(byMap.get(map)).map(Registration::verifier);
  }

  public boolean signedOnly(String map) {
    Registration r = byMap.get(map);
    return r != null && r.signedOnly();
  }

  /** Whether the entry carries a signature (any of the signer fields set). */
  public static boolean isSigned(DhtEntry entry) {
    return !entry.getSignerId().isEmpty() || !entry.getSignature().isEmpty() || !entry.getSignerPublicKey().isEmpty();
  }

  /** Checks one entry of {@code map} under {@code key}; used by writers before putting and by readers. */
  public Verdict check(String map, String key, DhtEntry entry) {
    Registration r = byMap.get(map);
    if (!isSigned(entry)) {
      return r != null && r.signedOnly() ? Verdict.SIGNATURE_REQUIRED : Verdict.UNSIGNED;
    }
    if (r == null || entry.getSignerId().isEmpty() || entry.getSignature().isEmpty() || entry.getSignerPublicKey().isEmpty()) {
      return Verdict.BAD_SIGNATURE;
    }
    return r.verifier().verify(map, key, entry) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
  }
}
