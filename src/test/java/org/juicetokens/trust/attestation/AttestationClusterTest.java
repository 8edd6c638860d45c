package org.juicetokens.trust.attestation;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.attestation.proto.AttestationIndex;
import org.juicetokens.trust.attestation.proto.AttestationList;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationStats;
import org.juicetokens.trust.attestation.proto.AttestationStatsRequest;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;
import org.juicetokens.trust.attestation.proto.NodeAttestationStats;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.juicetokens.trust.attestation.proto.Reputation;
import org.juicetokens.trust.attestation.proto.ReputationRequest;
import org.juicetokens.trust.attestation.proto.RevokeAttestationRequest;
import org.juicetokens.trust.attestation.proto.SignedAttestation;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Attestations on a real two-node cluster: alice and carol homed on a, bob on b; requests enter on either node. */
class AttestationClusterTest {
  @TempDir
  static Path tmp;
  static List<JuiceNode> nodes;
  static String alice;
  static String bob;
  static String carol;

  @BeforeAll
  static void start() throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of());
    alice = create(nodes.get(0), "alice");
    carol = create(nodes.get(0), "carol");
    bob = create(nodes.get(1), "bob");
  }

  @AfterAll
  static void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void an_attestation_created_through_another_node_is_signed_at_home_and_verifies_on_every_node() throws Exception {
    AttestationView created = ask(nodes.get(1), Addresses.ATTESTATION_CREATE, peer(alice, bob, 90).build(), AttestationView.class);
    assertThat(created.getValid()).isTrue();
    String id = created.getAttestation().getId();
    for (JuiceNode node : nodes) {
      AttestationView read = find(list(node, bob), id);
      assertThat(read.getValid()).isTrue();
      assertThat(read.getReason()).isEmpty();
      assertThat(read.getAttestation().getStrength()).isEqualTo(90);
    }
    StoreValue home = ask(nodes.get(0), Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.ATTESTATIONS.dbName())
      .setKey(ByteString.copyFrom("peer/" + alice + "/" + id, StandardCharsets.UTF_8)).build(), StoreValue.class);
    assertThat(home.getFound()).isTrue();
    Reputation reputation = ask(nodes.get(0), Addresses.ATTESTATION_REPUTATION, ReputationRequest.newBuilder().setIdentityId(bob).build(),
      Reputation.class);
    assertThat(reputation.getScore()).isGreaterThan(0.5);
    assertThat(reputation.getValidAttestations()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void self_attestation_and_unknown_subject_are_refused() {
    assertThatThrownBy(() -> ask(nodes.get(1), Addresses.ATTESTATION_CREATE, peer(alice, alice, 50).build(), AttestationView.class))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining("self-attestation");
    assertThatThrownBy(() -> ask(nodes.get(0), Addresses.ATTESTATION_CREATE, peer(alice, "00" + bob.substring(2), 50).build(),
      AttestationView.class)).isInstanceOf(JuiceException.class).hasMessageContaining("unknown subject");
  }

  @Test
  void a_revoked_attestation_reads_as_revoked() throws Exception {
    String id = ask(nodes.get(0), Addresses.ATTESTATION_CREATE, peer(bob, carol, 70).build(), AttestationView.class).getAttestation().getId();
    AttestationView revoked = ask(nodes.get(0), Addresses.ATTESTATION_REVOKE,
      RevokeAttestationRequest.newBuilder().setAttestationId(id).setReason("changed my mind").build(), AttestationView.class);
    assertThat(revoked.getReason()).isEqualTo("revoked");
    assertThat(find(list(nodes.get(1), carol), id).getReason()).isEqualTo("revoked");
  }

  @Test
  void an_attestation_past_its_end_reads_as_expired() throws Exception {
    CreateAttestationRequest request = peer(carol, bob, 60).setValidUntilMs(System.currentTimeMillis() + 1500).build();
    String id = ask(nodes.get(1), Addresses.ATTESTATION_CREATE, request, AttestationView.class).getAttestation().getId();
    Thread.sleep(2000);
    assertThat(find(list(nodes.get(0), bob), id).getReason()).isEqualTo("expired");
  }

  @Test
  void an_attestation_signed_with_a_key_not_the_attesters_reads_as_bad_signature() throws Exception {
    Ed25519.PrivateKey mallory = Ed25519.generate(new SecureRandom());
    String id = "f0".repeat(16);
    ByteString bytes = PeerAttestation.newBuilder().setId(id).setAttesterId(alice).setSubjectId(carol).setType("reliable").setStrength(100)
      .setValidFromMs(1).setCreatedAtMs(1).build().toByteString();
    AttestationRecord forged = AttestationRecord.newBuilder().setAttestation(SignedAttestation.newBuilder().setAttestation(bytes)
      .setPublicKey(ByteString.copyFrom(mallory.publicKey())).setSignature(ByteString.copyFrom(mallory.sign(Attestations.signedBytes(bytes)))))
      .build();
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(forged.toByteString()).setWrittenAtMs(System.currentTimeMillis()).setWriterNode("a")
      .setSignerId(alice).setSignerPublicKey(ByteString.copyFrom(mallory.publicKey())).build();
    DhtEntry entry = unsigned.toBuilder().setSignature(ByteString.copyFrom(mallory.sign(
      DhtEntryVerifier.signedBytes(DhtMaps.ATTESTATIONS, id, unsigned)))).build();
    var hz = nodes.get(0).context().hazelcast();
    hz.<String, byte[]>getMap(DhtMaps.ATTESTATIONS).put(id, entry.toByteArray());
    // the index is an unsigned node-written map: the forged id is appended straight into it
    AttestationIndex index = AttestationIndex.newBuilder().addIds(id).build();
    hz.<String, byte[]>getMap(DhtMaps.ATTESTATIONS_BY_SUBJECT).put(carol + "-forged", DhtEntry.newBuilder().setValue(index.toByteString())
      .setWrittenAtMs(System.currentTimeMillis()).setWriterNode("a").build().toByteArray());
    AttestationView read = find(list(nodes.get(1), carol + "-forged"), id);
    assertThat(read.getValid()).isFalse();
    assertThat(read.getReason()).isEqualTo("bad signature");
  }

  @Test
  void the_admin_figures_list_every_member_and_sum_their_creations() throws Exception {
    ask(nodes.get(0), Addresses.ATTESTATION_CREATE, peer(bob, carol, 60).build(), AttestationView.class);
    AttestationStats stats = ask(nodes.get(0), Addresses.ATTESTATION_STATS, AttestationStatsRequest.getDefaultInstance(),
      AttestationStats.class);
    assertThat(stats.getNodesList()).extracting(NodeAttestationStats::getNodeId).containsExactlyInAnyOrder("a", "b");
    assertThat(stats.getNodesList()).allMatch(NodeAttestationStats::getAnswered);
    // bob is homed on b: the creation is counted there, whichever node the request entered
    assertThat(stats.getNodesList()).filteredOn(n -> n.getNodeId().equals("b")).first()
      .satisfies(b -> assertThat(b.getStats().getCreatedOk()).isPositive());
    assertThat(stats.getCreatedOk()).isEqualTo(stats.getNodesList().stream().mapToLong(n -> n.getStats().getCreatedOk()).sum());
  }

  @Test
  void an_identity_without_attestations_scores_one_half_with_no_trust_level() throws Exception {
    String dave = create(nodes.get(1), "dave");
    Reputation reputation = ask(nodes.get(0), Addresses.ATTESTATION_REPUTATION, ReputationRequest.newBuilder().setIdentityId(dave).build(),
      Reputation.class);
    assertThat(reputation.getScore()).isEqualTo(0.5);
    assertThat(reputation.getLevel()).isEqualTo("NONE");
  }

  private static CreateAttestationRequest.Builder peer(String attester, String subject, int strength) {
    return CreateAttestationRequest.newBuilder().setAttesterId(attester).setSubjectId(subject).setType("reliable").setStrength(strength)
      .setContent("paid on time");
  }

  private static AttestationList list(JuiceNode node, String subject) throws Exception {
    return ask(node, Addresses.ATTESTATION_LIST, ListAttestationsRequest.newBuilder().setSubjectId(subject).build(), AttestationList.class);
  }

  private static AttestationView find(AttestationList list, String id) {
    return list.getAttestationsList().stream().filter(v -> v.getAttestation().getId().equals(id)).findFirst()
      .orElseThrow(() -> new AssertionError("attestation " + id + " not in " + list));
  }

  private static String create(JuiceNode node, String name) throws Exception {
    return ask(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), IdentityView.class)
      .getDocument().getId();
  }

  private static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, 20_000, type).await(30, TimeUnit.SECONDS);
  }
}
