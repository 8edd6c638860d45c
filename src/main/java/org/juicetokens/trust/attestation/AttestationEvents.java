package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.trust.attestation.proto.AttestationEvent;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.PeerAttestation;

/**
 * The event announced when a peer attestation is created or revoked (Addresses.ATTESTATION_EVENTS).
 * The payload hash names exactly what was signed: the PeerAttestation bytes for a creation, the
 * AttestationRevocation bytes for a revocation, so a revocation is a distinct chain entry.
 */
final class AttestationEvents {
  private AttestationEvents() {
  }

  static AttestationEvent of(AttestationRecord record, String attesterHome, String subjectHome) {
    PeerAttestation attestation = Attestations.decode(record);
    boolean revoked = record.hasRevocation();
    ByteString signed = revoked ? record.getRevocation().getRevocation() : record.getAttestation().getAttestation();
    return AttestationEvent.newBuilder().setAttestationId(attestation.getId()).setAttesterId(attestation.getAttesterId())
      .setSubjectId(attestation.getSubjectId()).setAttesterHomeNode(attesterHome).setSubjectHomeNode(subjectHome).setRevoked(revoked)
      .setPayloadHash(ByteString.copyFrom(Hashes.sha256(signed.toByteArray()))).build();
  }
}
