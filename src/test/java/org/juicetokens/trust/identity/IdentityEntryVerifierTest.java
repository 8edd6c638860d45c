package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import org.juicetokens.api.v1.ProofVerdict;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityEntryVerifierTest {
  private static final String MAP = DhtMaps.IDENTITIES;
  private final SecureRandom random = new SecureRandom();
  private final Ed25519.PrivateKey k0 = Ed25519.generate(random);
  private final Ed25519.PrivateKey k1 = Ed25519.generate(random);
  private final IdentityDocuments.Signed created = IdentityDocuments.create(k0, "Alice", "a", 1_000);
  private final IdentityEntryVerifier verifier = new IdentityEntryVerifier();

  private DhtEntry entry(String key, IdentityDocuments.Signed signed, Ed25519.PrivateKey signer) {
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(signed.signed().toByteString()).setWrittenAtMs(5).build();
    return unsigned.toBuilder().setSignerId(signed.id()).setSignerPublicKey(ByteString.copyFrom(signer.publicKey()))
      .setSignature(ByteString.copyFrom(signer.sign(DhtEntryVerifier.signedBytes(MAP, key, unsigned)))).build();
  }

  @Test
  void accepts_an_entry_signed_by_the_documents_signer_key_under_its_own_id() {
    assertThat(verifier.verify(MAP, created.id(), entry(created.id(), created, k0))).isTrue();
    IdentityDocuments.Signed rotated = IdentityDocuments.rotate(created.document(), k0, k1, 2_000);
    // the rotation entry is signed by the key it replaces
    assertThat(verifier.verify(MAP, created.id(), entry(created.id(), rotated, k0))).isTrue();
    assertThat(verifier.verify(MAP, created.id(), entry(created.id(), rotated, k1))).isFalse();
  }

  @Test
  void refuses_another_key_a_moved_entry_a_tampered_value_or_garbage() {
    assertThat(verifier.verify(MAP, created.id(), entry(created.id(), created, k1))).isFalse();
    assertThat(verifier.verify(MAP, "0".repeat(40), entry("0".repeat(40), created, k0))).isFalse();
    DhtEntry good = entry(created.id(), created, k0);
    IdentityDocument changed = created.document().toBuilder().setDisplayName("Mallory").build();
    DhtEntry tampered = good.toBuilder().setValue(created.signed().toBuilder().setDocument(changed.toByteString()).build().toByteString()).build();
    assertThat(verifier.verify(MAP, created.id(), tampered)).isFalse();
    assertThat(verifier.verify(MAP, created.id(), good.toBuilder().setWrittenAtMs(6).build())).isFalse();
    assertThat(verifier.verify(MAP, created.id(), good.toBuilder().setValue(ByteString.copyFromUtf8("junk\u00ff")).build())).isFalse();
  }

  @Test
  void a_proof_by_a_retired_key_is_refused_naming_that_key() {
    IdentityDocument rotated = IdentityDocuments.rotate(created.document(), k0, k1, 2_000).document();
    byte[] proof = Challenges.proofBytes(created.id(), new byte[32]);
    assertThat(ProofOfControl.judge(rotated, proof, k1.sign(proof)).getValid()).isTrue();
    ProofVerdict old = ProofOfControl.judge(rotated, proof, k0.sign(proof));
    assertThat(old.getValid()).isFalse();
    assertThat(old.getReason()).contains("retired key 0");
    assertThat(ProofOfControl.judge(rotated, proof, Ed25519.generate(random).sign(proof)).getReason()).contains("bad signature");
    IdentityDocument revoked = IdentityDocuments.revoke(rotated, k1, 3_000).document();
    assertThat(ProofOfControl.judge(revoked, proof, k1.sign(proof)).getReason()).contains("REVOKED");
  }
}
