package org.juicetokens.foundation.dht;

import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtSignedPayload;

/**
 * Checks an entry written by an identity (PROTOCOL.md §DHT: "the writer verifies before
 * putting and readers verify before trusting"). The layer that owns a map's contents (identity,
 * attestation, ...) registers one per map in {@link DhtVerifiers}; the DHT itself knows no
 * signature scheme.
 *
 * <p>An implementation checks {@code entry.getSignature()} by {@code entry.getSignerPublicKey()}
 * over {@link #signedBytes}, and that the key belongs to {@code entry.getSignerId()}. It must be
 * fast and non-blocking (it runs on the caller's thread, usually an event loop), and must not
 * throw for a malformed signature: answer {@code false}.
 */
@FunctionalInterface
public interface DhtEntryVerifier {

  boolean verify(String map, String key, DhtEntry entry);

  /** The bytes a signer signs for an entry: a {@link DhtSignedPayload} of map, key, value and time. */
  static byte[] signedBytes(String map, String key, DhtEntry entry) {
    return DhtSignedPayload.newBuilder()
      .setMap(map)
      .setKey(key)
      .setValue(entry.getValue())
      .setWrittenAtMs(entry.getWrittenAtMs())
      .build()
      .toByteArray();
  }
}
