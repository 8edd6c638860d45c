package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.attestation.proto.CommunityApproval;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityStatement;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The distinct-approver rule of community attestations, pure. */
class CommunityAttestationsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ed25519.PrivateKey m1 = Ed25519.generate(RANDOM);
  private final Ed25519.PrivateKey m2 = Ed25519.generate(RANDOM);
  private final Ed25519.PrivateKey m3 = Ed25519.generate(RANDOM);
  private final Ed25519.PrivateKey outsider = Ed25519.generate(RANDOM);
  private final ByteString statement = CommunityStatement.newBuilder().setId("s1").setCommunityId("club").setSubjectId("m3")
    .setThreshold(2).setStrength(80).build().toByteString();
  private final Map<String, List<ByteString>> members = Map.of("m1", keys(m1), "m2", keys(m2), "m3", keys(m3));

  @Test
  void duplicate_approvals_of_one_member_count_once() {
    CommunityAttestation twice = record(approval("m1", m1), approval("m1", m1));
    CommunityAttestations.Verdict verdict = CommunityAttestations.verifyAgainst(twice, members);
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.distinctApprovals()).isEqualTo(1);
    assertThat(verdict.reason()).isEqualTo("approvals below threshold (1 of 2)");
    assertThat(CommunityAttestations.hasApproved(twice, "m1")).isTrue();
  }

  @Test
  void two_distinct_members_reach_a_threshold_of_two() {
    CommunityAttestations.Verdict verdict = CommunityAttestations.verifyAgainst(record(approval("m1", m1), approval("m2", m2)), members);
    assertThat(verdict.valid()).isTrue();
    assertThat(verdict.approvers()).containsExactly("m1", "m2");
  }

  @Test
  void a_non_members_approval_does_not_count() {
    CommunityAttestations.Verdict verdict = CommunityAttestations.verifyAgainst(record(approval("m1", m1), approval("x", outsider)), members);
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.distinctApprovals()).isEqualTo(1);
  }

  @Test
  void an_approval_with_a_key_not_the_members_does_not_count_and_reads_as_bad_signature() {
    CommunityAttestations.Verdict verdict = CommunityAttestations.verifyAgainst(record(approval("m1", m1), approval("m2", outsider)), members);
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.distinctApprovals()).isEqualTo(1);
    assertThat(verdict.reason()).isEqualTo("bad signature");
  }

  @Test
  void the_subjects_own_approval_does_not_count() {
    CommunityAttestations.Verdict verdict = CommunityAttestations.verifyAgainst(record(approval("m1", m1), approval("m3", m3)), members);
    assertThat(verdict.valid()).isFalse();
    assertThat(verdict.reason()).isEqualTo("approvals below threshold (1 of 2)");
  }

  @Test
  void a_key_rotated_away_still_verifies_its_old_approval() {
    Ed25519.PrivateKey rotated = Ed25519.generate(RANDOM);
    Map<String, List<ByteString>> afterRotation = Map.of("m1", List.of(keys(m1).get(0), keys(rotated).get(0)), "m2", keys(m2));
    assertThat(CommunityAttestations.verifyAgainst(record(approval("m1", m1), approval("m2", m2)), afterRotation).valid()).isTrue();
  }

  @Test
  void a_statement_that_does_not_decode_is_malformed() {
    CommunityAttestation garbage = CommunityAttestation.newBuilder().setStatement(ByteString.copyFromUtf8("\u00ff\u00ff")).build();
    assertThat(CommunityAttestations.verifyAgainst(garbage, members).reason()).isEqualTo("malformed");
  }

  private CommunityAttestation record(CommunityApproval... approvals) {
    return CommunityAttestation.newBuilder().setStatement(statement).addAllApprovals(List.of(approvals)).build();
  }

  private CommunityApproval approval(String member, Ed25519.PrivateKey key) {
    return CommunityApproval.newBuilder().setMemberId(member).setPublicKey(ByteString.copyFrom(key.publicKey()))
      .setSignature(ByteString.copyFrom(key.sign(CommunityAttestations.approvalSignedBytes(statement)))).build();
  }

  private static List<ByteString> keys(Ed25519.PrivateKey key) {
    return List.of(ByteString.copyFrom(key.publicKey()));
  }
}
