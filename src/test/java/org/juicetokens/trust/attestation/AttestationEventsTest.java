package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.trust.attestation.proto.AttestationEvent;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationRevocation;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.juicetokens.trust.attestation.proto.SignedAttestation;
import org.juicetokens.trust.attestation.proto.SignedRevocation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttestationEventsTest {
  private final ByteString attestation = PeerAttestation.newBuilder().setId("x1").setAttesterId("alice").setSubjectId("bob").build()
    .toByteString();
  private final AttestationRecord created = AttestationRecord.newBuilder().setAttestation(SignedAttestation.newBuilder()
    .setAttestation(attestation)).build();

  @Test
  void a_creation_carries_the_hash_of_the_signed_attestation_bytes_and_both_home_nodes() {
    AttestationEvent event = AttestationEvents.of(created, "a", "b");
    assertThat(event.getAttestationId()).isEqualTo("x1");
    assertThat(event.getAttesterHomeNode()).isEqualTo("a");
    assertThat(event.getSubjectHomeNode()).isEqualTo("b");
    assertThat(event.getRevoked()).isFalse();
    assertThat(event.getPayloadHash().toByteArray()).isEqualTo(Hashes.sha256(attestation.toByteArray()));
  }

  @Test
  void a_revocation_carries_the_hash_of_the_signed_revocation_bytes_so_it_differs_from_the_creation() {
    ByteString revocation = AttestationRevocation.newBuilder().setAttestationId("x1").setAttesterId("alice").setReason("gone").build()
      .toByteString();
    AttestationEvent event = AttestationEvents.of(created.toBuilder().setRevocation(SignedRevocation.newBuilder().setRevocation(revocation))
      .build(), "a", "b");
    assertThat(event.getRevoked()).isTrue();
    assertThat(event.getPayloadHash().toByteArray()).isEqualTo(Hashes.sha256(revocation.toByteArray()))
      .isNotEqualTo(AttestationEvents.of(created, "a", "b").getPayloadHash().toByteArray());
  }
}
