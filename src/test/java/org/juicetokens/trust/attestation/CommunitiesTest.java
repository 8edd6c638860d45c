package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.trust.attestation.proto.Community;
import org.juicetokens.trust.attestation.proto.CommunityApproval;
import org.juicetokens.trust.attestation.proto.CommunityAttestation;
import org.juicetokens.trust.attestation.proto.CommunityStatement;
import org.juicetokens.trust.attestation.proto.CreateCommunityRequest;
import org.juicetokens.trust.attestation.proto.SignedCommunity;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Community declarations (rules, verification, DHT entry verifier) and community edges in Reputation, pure. */
class CommunitiesTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void a_declaration_needs_2_to_max_distinct_members_and_a_threshold_within_them() {
    CreateCommunityRequest ok = CreateCommunityRequest.newBuilder().setFounderId("f").setName("club").addAllMemberIds(List.of("a", "b", "c"))
      .setThreshold(2).build();
    assertThat(Communities.refusal(ok, 50, 100)).isEmpty();
    assertThat(Communities.refusal(ok.toBuilder().setThreshold(0).build(), 50, 100)).contains("threshold");
    assertThat(Communities.refusal(ok.toBuilder().setThreshold(4).build(), 50, 100)).contains("threshold");
    assertThat(Communities.refusal(ok.toBuilder().addMemberIds("a").build(), 50, 100)).contains("distinct");
    assertThat(Communities.refusal(ok.toBuilder().clearMemberIds().addMemberIds("a").setThreshold(1).build(), 50, 100)).contains("2-50");
    assertThat(Communities.refusal(ok, 2, 100)).contains("2-2");
    assertThat(Communities.refusal(ok.toBuilder().setName(" ").build(), 50, 100)).contains("name");
  }

  @Test
  void a_declaration_verifies_with_the_founders_key_and_not_with_anothers() {
    Ed25519.PrivateKey founder = Ed25519.generate(RANDOM);
    SignedCommunity signed = signed(founder, Community.newBuilder().setId("c1").setFounderId("f").addMemberIds("a").addMemberIds("b")
      .setThreshold(2).build());
    ByteString key = ByteString.copyFrom(founder.publicKey());
    assertThat(Communities.verify(signed, List.of(key))).isEmpty();
    assertThat(Communities.verify(signed, List.of(ByteString.copyFrom(Ed25519.generate(RANDOM).publicKey())))).isEqualTo("bad signature");
    assertThat(Communities.verify(signed, null)).isEqualTo("unknown founder");
  }

  @Test
  void the_dht_accepts_a_declaration_only_under_its_id_signed_by_its_founder() {
    Ed25519.PrivateKey founder = Ed25519.generate(RANDOM);
    SignedCommunity signed = signed(founder, Community.newBuilder().setId("c1").setFounderId("f").addMemberIds("a").addMemberIds("b")
      .setThreshold(1).build());
    DhtEntryVerifier verifier = CommunityEntryVerifiers.communities();
    assertThat(verifier.verify(DhtMaps.COMMUNITIES, "c1", entry(founder, "f", "c1", signed.toByteString()))).isTrue();
    assertThat(verifier.verify(DhtMaps.COMMUNITIES, "c2", entry(founder, "f", "c2", signed.toByteString()))).isFalse();
    assertThat(verifier.verify(DhtMaps.COMMUNITIES, "c1", entry(founder, "g", "c1", signed.toByteString()))).isFalse();
    Ed25519.PrivateKey other = Ed25519.generate(RANDOM);
    assertThat(verifier.verify(DhtMaps.COMMUNITIES, "c1", entry(other, "f", "c1", signed.toByteString()))).isFalse();
  }

  @Test
  void the_dht_accepts_a_community_attestation_only_signed_by_one_of_its_approvers_with_that_key() {
    Ed25519.PrivateKey m1 = Ed25519.generate(RANDOM);
    Ed25519.PrivateKey other = Ed25519.generate(RANDOM);
    ByteString statement = CommunityStatement.newBuilder().setId("s1").setCommunityId("c1").setSubjectId("x").setThreshold(1).build()
      .toByteString();
    CommunityAttestation record = CommunityAttestation.newBuilder().setStatement(statement).addApprovals(CommunityApproval.newBuilder()
      .setMemberId("m1").setPublicKey(ByteString.copyFrom(m1.publicKey()))
      .setSignature(ByteString.copyFrom(m1.sign(CommunityAttestations.approvalSignedBytes(statement))))).build();
    DhtEntryVerifier verifier = CommunityEntryVerifiers.attestations();
    String map = DhtMaps.COMMUNITY_ATTESTATIONS;
    assertThat(verifier.verify(map, "s1", entry(map, m1, "m1", "s1", record.toByteString()))).isTrue();
    assertThat(verifier.verify(map, "s2", entry(map, m1, "m1", "s2", record.toByteString()))).isFalse();
    assertThat(verifier.verify(map, "s1", entry(map, m1, "m2", "s1", record.toByteString()))).isFalse();
    assertThat(verifier.verify(map, "s1", entry(map, other, "m1", "s1", record.toByteString()))).isFalse();
    CommunityAttestation tampered = record.toBuilder().setApprovals(0, record.getApprovals(0).toBuilder()
      .setSignature(ByteString.copyFrom(other.sign(CommunityAttestations.approvalSignedBytes(statement))))).build();
    assertThat(verifier.verify(map, "s1", entry(map, m1, "m1", "s1", tampered.toByteString()))).isFalse();
  }

  @Test
  void a_valid_community_attestation_weighs_by_its_distinct_approvers() {
    Reputation two = new Reputation(Map.of(), Map.of(), 0.2, 50, Map.of("s", List.of(new Reputation.CommunityEdge(100, 2))), 0.5);
    Reputation three = new Reputation(Map.of(), Map.of(), 0.2, 50, Map.of("s", List.of(new Reputation.CommunityEdge(100, 3))), 0.5);
    assertThat(two.hasData("s")).isTrue();
    assertThat(two.score("s", 3)).isCloseTo((0.5 + 1.0) / 2.0, within(1e-9));
    assertThat(three.score("s", 3)).isGreaterThan(two.score("s", 3));
    assertThat(new Reputation(Map.of(), Map.of(), 0.2, 50).score("s", 3)).isEqualTo(0.5);
  }

  private static SignedCommunity signed(Ed25519.PrivateKey founder, Community community) {
    ByteString bytes = community.toByteString();
    return SignedCommunity.newBuilder().setCommunity(bytes).setPublicKey(ByteString.copyFrom(founder.publicKey()))
      .setSignature(ByteString.copyFrom(founder.sign(CommunityAttestations.communitySignedBytes(bytes)))).build();
  }

  private static DhtEntry entry(Ed25519.PrivateKey key, String signerId, String dhtKey, ByteString value) {
    return entry(DhtMaps.COMMUNITIES, key, signerId, dhtKey, value);
  }

  private static DhtEntry entry(String map, Ed25519.PrivateKey key, String signerId, String dhtKey, ByteString value) {
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(value).setWrittenAtMs(1).setSignerId(signerId)
      .setSignerPublicKey(ByteString.copyFrom(key.publicKey())).build();
    return unsigned.toBuilder().setSignature(ByteString.copyFrom(key.sign(DhtEntryVerifier.signedBytes(map, dhtKey, unsigned))))
      .build();
  }
}
