package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import com.hazelcast.map.IMap;
import org.juicetokens.api.v1.Challenge;
import org.juicetokens.api.v1.Proof;
import org.juicetokens.api.v1.ProofVerdict;
import org.juicetokens.api.v1.RotateKeyRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.trust.identity.proto.SignedIdentityDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.trust.identity.IdentityTestSupport.challenge;
import static org.juicetokens.trust.identity.IdentityTestSupport.create;
import static org.juicetokens.trust.identity.IdentityTestSupport.failure;
import static org.juicetokens.trust.identity.IdentityTestSupport.failureOf;
import static org.juicetokens.trust.identity.IdentityTestSupport.get;
import static org.juicetokens.trust.identity.IdentityTestSupport.prove;
import static org.juicetokens.trust.identity.IdentityTestSupport.revoke;
import static org.juicetokens.trust.identity.IdentityTestSupport.rotate;
import static org.juicetokens.trust.identity.IdentityTestSupport.sign;
import static org.juicetokens.trust.identity.IdentityTestSupport.verifyProof;

/** Three in-JVM nodes: documents verify everywhere; rotation, stale updates, revocation, forged DHT entries. */
class IdentityClusterTest {
  @TempDir
  static Path tmp;
  private static List<JuiceNode> nodes;

  @BeforeAll
  static void start() throws Exception {
    nodes = IdentityTestSupport.startCluster(tmp, List.of("a", "b", "c"), Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodes != null) {
      IdentityTestSupport.closeAll(nodes);
    }
  }

  @Test
  void documents_verify_everywhere_and_rotation_retires_the_old_key_on_every_node() throws Exception {
    JuiceNode a = nodes.get(0);
    IdentityView created = create(a, "Alice");
    String id = created.getDocument().getId();
    for (JuiceNode node : nodes) {
      IdentityView view = get(node, id);
      assertThat(view.getVerified()).isTrue();
      assertThat(view.getDocument()).isEqualTo(created.getDocument());
    }
    // a proof by the first key, for a challenge of every node, made before the rotation (asked on b: forwarded to a)
    List<Proof> oldProofs = new ArrayList<>();
    for (JuiceNode node : nodes) {
      Challenge c = challenge(node, id);
      oldProofs.add(prove(nodes.get(1), id, c.getChallenge()));
    }
    byte[] oldKey = created.getActivePublicKey().toByteArray();

    IdentityView rotated = rotate(nodes.get(1), id, 1);
    assertThat(rotated.getDocument().getSequence()).isEqualTo(2);
    assertThat(rotated.getDocument().getActiveKey()).isEqualTo(1);
    byte[] newKey = rotated.getActivePublicKey().toByteArray();
    assertThat(newKey).isNotEqualTo(oldKey);

    byte[] data = "telomere link".getBytes(StandardCharsets.UTF_8);
    IdentitySignature signature = sign(a, id, data);
    assertThat(signature.getKeyIndex()).isEqualTo(1);
    assertThat(Ed25519.verify(newKey, data, signature.getSignature().toByteArray())).isTrue();
    assertThat(Ed25519.verify(oldKey, data, signature.getSignature().toByteArray())).isFalse();

    for (int i = 0; i < nodes.size(); i++) {
      JuiceNode node = nodes.get(i);
      assertThat(get(node, id).getDocument().getSequence()).isEqualTo(2);
      ProofVerdict old = verifyProof(node, oldProofs.get(i));
      assertThat(old.getValid()).isFalse();
      assertThat(old.getReason()).contains("retired key 0");
      Proof fresh = prove(nodes.get(2), id, challenge(node, id).getChallenge());
      assertThat(fresh.getKeyIndex()).isEqualTo(1);
      ProofVerdict verdict = verifyProof(node, fresh);
      assertThat(verdict.getValid()).as(verdict.getReason()).isTrue();
      // single use: the same proof again is refused
      assertThat(verifyProof(node, fresh).getReason()).contains("unknown challenge");
    }
  }

  @Test
  void stale_sequences_conflict_and_revocation_stops_signing_everywhere() throws Exception {
    JuiceNode a = nodes.get(0);
    JuiceNode c = nodes.get(2);
    String id = create(a, "Bob").getDocument().getId();
    rotate(c, id, 1);
    JuiceException stale = failureOf(c, Addresses.IDENTITY_ROTATE, RotateKeyRequest.newBuilder().setId(id).setExpectedSequence(1).build());
    assertThat(stale.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(stale.getMessage()).contains("stale sequence");
    assertThat(failure(a, Addresses.IDENTITY_ROTATE, RotateKeyRequest.newBuilder().setId(id).build())).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    // not homed on b: signing there is NOT_FOUND
    assertThat(failure(nodes.get(1), Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId(id).build()))
      .isEqualTo(ErrorCode.NOT_FOUND);

    IdentityView revoked = revoke(nodes.get(1), id, 2);
    assertThat(revoked.getDocument().getStatus()).isEqualTo(IdentityStatus.REVOKED);
    assertThat(revoked.getDocument().getRevocationReason()).isEqualTo("test");
    for (JuiceNode node : nodes) {
      assertThat(get(node, id).getDocument().getStatus()).isEqualTo(IdentityStatus.REVOKED);
    }
    assertThat(failure(a, Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId(id).setData(ByteString.copyFromUtf8("x")).build()))
      .isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(failure(c, Addresses.IDENTITY_ROTATE, RotateKeyRequest.newBuilder().setId(id).setExpectedSequence(3).build()))
      .isEqualTo(ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void forged_entries_put_straight_into_the_map_are_rejected_on_read() throws Exception {
    JuiceNode a = nodes.get(0);
    String id = create(nodes.get(1), "Carol").getDocument().getId();
    IMap<String, byte[]> map = a.context().hazelcast().getMap(DhtMaps.IDENTITIES);
    byte[] original = map.get(id);
    DhtEntry entry = DhtEntry.parseFrom(original);
    SignedIdentityDocument signed = SignedIdentityDocument.parseFrom(entry.getValue());
    IdentityDocument changed = IdentityDocument.parseFrom(signed.getDocument()).toBuilder().setDisplayName("Mallory").build();
    DhtEntry forged = entry.toBuilder().setValue(signed.toBuilder().setDocument(changed.toByteString()).build().toByteString()).build();
    map.put(id, forged.toByteArray());
    for (JuiceNode node : nodes) {
      JuiceException e = failureOf(node, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build());
      assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
      assertThat(e.getMessage()).contains("bad_signature");
    }
    // an unsigned entry in the signed-only map is refused too
    map.put(id, entry.toBuilder().clearSignature().clearSignerId().clearSignerPublicKey().build().toByteArray());
    assertThat(failure(nodes.get(2), Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build()))
      .isEqualTo(ErrorCode.UNAUTHENTICATED);

    // a replay of an older, validly signed version is refused by the nodes that saw a newer one
    map.put(id, original);
    rotate(a, id, 1);
    map.put(id, original);
    JuiceException replay = failureOf(nodes.get(1), Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build());
    assertThat(replay.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(replay.getMessage()).contains("stale_sequence");
  }
  @Test
  void an_update_that_loses_the_compare_and_set_conflicts_and_changes_nothing() throws Exception {
    JuiceNode a = nodes.get(0);
    IdentityView created = create(a, "Dan");
    String id = created.getDocument().getId();
    IMap<String, byte[]> map = a.context().hazelcast().getMap(DhtMaps.IDENTITIES);
    byte[] original = map.get(id);
    // someone else's write lands first (here: straight into the map)
    map.put(id, DhtEntry.parseFrom(original).toBuilder().setValue(ByteString.copyFromUtf8("other")).build().toByteArray());
    JuiceException lost = failureOf(a, Addresses.IDENTITY_ROTATE, RotateKeyRequest.newBuilder().setId(id).setExpectedSequence(1).build());
    assertThat(lost.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(lost.getMessage()).contains("compare-and-set");
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    assertThat(Ed25519.verify(created.getActivePublicKey().toByteArray(), data, sign(a, id, data).getSignature().toByteArray())).isTrue();
    map.put(id, original);
    assertThat(rotate(a, id, 1).getDocument().getSequence()).isEqualTo(2);
  }
}
