package org.juicetokens.trust.attestation;

import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.token.transaction.proto.SystemAttestation;
import org.juicetokens.trust.attestation.proto.SignedSystemAttestation;

/**
 * The DHT verifier of {@code jt.systemAttestations} (signed-only): a SignedSystemAttestation under
 * {@code <txId>/<identityId>} of its content, whose node signature verifies, written by that node
 * (signer id) with the same key. Whether the key is registered for the node, and the certificate,
 * are checked on read ({@link SystemAttestations#verify}). Pure, never throws.
 */
final class SystemAttestationEntryVerifier implements DhtEntryVerifier {

  @Override
  public boolean verify(String map, String key, DhtEntry entry) {
    SignedSystemAttestation record;
    try {
      record = SignedSystemAttestation.parseFrom(entry.getValue());
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
    SystemAttestation a = SystemAttestations.decode(record);
    if (!SystemAttestations.checkSignature(record, a).isEmpty() || !SystemAttestations.id(a.getTxId(), a.getIdentityId()).equals(key)
      || !record.getNodeId().equals(entry.getSignerId()) || !record.getNodePublicKey().equals(entry.getSignerPublicKey())) {
      return false;
    }
    return Ed25519.verify(entry.getSignerPublicKey().toByteArray(), DhtEntryVerifier.signedBytes(map, key, entry),
      entry.getSignature().toByteArray());
  }
}
