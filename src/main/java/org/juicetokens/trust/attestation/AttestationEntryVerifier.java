package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.PeerAttestation;

/**
 * The DHT verifier of {@code jt.attestations} (registered signed-only): the entry is an
 * AttestationRecord stored under its attestation's id, both inner signatures verify with the keys
 * they name, and the entry is signed by the attester with one of those keys. Whether those keys
 * are the attester's is checked on read against its identity document ({@link Attestations#verify}).
 * Pure, never throws.
 */
final class AttestationEntryVerifier implements DhtEntryVerifier {

  @Override
  public boolean verify(String map, String key, DhtEntry entry) {
    AttestationRecord record;
    try {
      record = AttestationRecord.parseFrom(entry.getValue());
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
    PeerAttestation attestation = Attestations.decode(record);
    if (attestation == null || !attestation.getId().equals(key) || !attestation.getAttesterId().equals(entry.getSignerId())
      || !Attestations.checkSignatures(record, attestation).isEmpty()) {
      return false;
    }
    ByteString signer = entry.getSignerPublicKey();
    boolean known = signer.equals(record.getAttestation().getPublicKey())
      || record.hasRevocation() && signer.equals(record.getRevocation().getPublicKey());
    return known && Ed25519.verify(signer.toByteArray(), DhtEntryVerifier.signedBytes(map, key, entry), entry.getSignature().toByteArray());
  }
}
