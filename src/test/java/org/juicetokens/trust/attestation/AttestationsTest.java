package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationRevocation;
import org.juicetokens.trust.attestation.proto.CommunityApproval;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityStatement;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.juicetokens.trust.attestation.proto.SignedAttestation;
import org.juicetokens.trust.attestation.proto.SignedRevocation;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttestationsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ed25519.PrivateKey alice = Ed25519.generate(RANDOM);
  private final List<ByteString> aliceKeys = List.of(ByteString.copyFrom(alice.publicKey()));

  private PeerAttestation.Builder base() {
    return PeerAttestation.newBuilder().setId("id1").setAttesterId("alice").setSubjectId("bob").setType("reliable")
      .setStrength(80).setValidFromMs(1000).setValidUntilMs(5000).setCreatedAtMs(1000);
  }

  private AttestationRecord signed(PeerAttestation a, Ed25519.PrivateKey key) {
    ByteString bytes = a.toByteString();
    return AttestationRecord.newBuilder().setAttestation(SignedAttestation.newBuilder().setAttestation(bytes)
      .setPublicKey(ByteString.copyFrom(key.publicKey())).setSignature(ByteString.copyFrom(key.sign(Attestations.signedBytes(bytes))))).build();
  }

  private String reason(AttestationRecord record, long now) {
    return Attestations.verify(record, new Attestations.Context(aliceKeys, true, now)).reason();
  }

  @Test
  void a_signed_attestation_within_its_validity_verifies() {
    assertThat(reason(signed(base().build(), alice), 2000)).isEmpty();
  }

  @Test
  void each_failure_names_its_case() {
    assertThat(reason(signed(base().build(), Ed25519.generate(RANDOM)), 2000)).isEqualTo("bad signature");
    assertThat(reason(signed(base().setSubjectId("alice").build(), alice), 2000)).isEqualTo("self-attestation");
    assertThat(reason(signed(base().setStrength(101).build(), alice), 2000)).isEqualTo("strength out of range");
    assertThat(reason(signed(base().build(), alice), 5000)).isEqualTo("expired");
    assertThat(reason(signed(base().build(), alice), 999)).isEqualTo("not yet valid");
    assertThat(Attestations.verify(signed(base().build(), alice), new Attestations.Context(aliceKeys, false, 2000)).reason())
      .isEqualTo("unknown subject");
    assertThat(Attestations.verify(signed(base().build(), alice), new Attestations.Context(null, true, 2000)).reason())
      .isEqualTo("unknown attester");
  }

  @Test
  void an_altered_attestation_fails_its_signature() {
    AttestationRecord record = signed(base().build(), alice);
    ByteString altered = base().setStrength(100).build().toByteString();
    AttestationRecord tampered = record.toBuilder().setAttestation(record.getAttestation().toBuilder().setAttestation(altered)).build();
    assertThat(reason(tampered, 2000)).isEqualTo("bad signature");
  }

  @Test
  void a_revocation_signed_by_the_attester_revokes_and_a_forged_one_does_not_verify() {
    AttestationRecord record = signed(base().build(), alice);
    ByteString rev = AttestationRevocation.newBuilder().setAttestationId("id1").setAttesterId("alice").setRevokedAtMs(1500).build().toByteString();
    SignedRevocation good = SignedRevocation.newBuilder().setRevocation(rev).setPublicKey(aliceKeys.get(0))
      .setSignature(ByteString.copyFrom(alice.sign(Attestations.revocationSignedBytes(rev)))).build();
    assertThat(reason(record.toBuilder().setRevocation(good).build(), 2000)).isEqualTo("revoked");
    Ed25519.PrivateKey mallory = Ed25519.generate(RANDOM);
    SignedRevocation forged = SignedRevocation.newBuilder().setRevocation(rev).setPublicKey(ByteString.copyFrom(mallory.publicKey()))
      .setSignature(ByteString.copyFrom(mallory.sign(Attestations.revocationSignedBytes(rev)))).build();
    assertThat(reason(record.toBuilder().setRevocation(forged).build(), 2000)).isEqualTo("bad signature");
  }

  @Test
  void the_signature_is_domain_separated() {
    ByteString bytes = base().build().toByteString();
    AttestationRecord raw = AttestationRecord.newBuilder().setAttestation(SignedAttestation.newBuilder().setAttestation(bytes)
      .setPublicKey(aliceKeys.get(0)).setSignature(ByteString.copyFrom(alice.sign(bytes.toByteArray())))).build();
    assertThat(reason(raw, 2000)).isEqualTo("bad signature");
  }

  @Test
  void community_attestation_counts_distinct_members_only() {
    Ed25519.PrivateKey m1 = Ed25519.generate(RANDOM);
    Ed25519.PrivateKey m2 = Ed25519.generate(RANDOM);
    Ed25519.PrivateKey outsider = Ed25519.generate(RANDOM);
    ByteString statement = CommunityStatement.newBuilder().setId("c1").setCommunityId("club").setSubjectId("bob").setThreshold(2)
      .build().toByteString();
    Map<String, ByteString> members = Map.of("m1", ByteString.copyFrom(m1.publicKey()), "m2", ByteString.copyFrom(m2.publicKey()));
    CommunityApproval a1 = approval("m1", m1, statement);
    CommunityAttestation twiceTheSame = CommunityAttestation.newBuilder().setStatement(statement).addApprovals(a1).addApprovals(a1)
      .addApprovals(approval("x", outsider, statement)).build();
    assertThat(CommunityAttestations.verify(twiceTheSame, members).valid()).isFalse();
    assertThat(CommunityAttestations.verify(twiceTheSame, members).distinctApprovals()).isEqualTo(1);
    CommunityAttestation two = twiceTheSame.toBuilder().addApprovals(approval("m2", m2, statement)).build();
    assertThat(CommunityAttestations.verify(two, members).valid()).isTrue();
  }

  private static CommunityApproval approval(String member, Ed25519.PrivateKey key, ByteString statement) {
    return CommunityApproval.newBuilder().setMemberId(member).setPublicKey(ByteString.copyFrom(key.publicKey()))
      .setSignature(ByteString.copyFrom(key.sign(CommunityAttestations.approvalSignedBytes(statement)))).build();
  }
}
