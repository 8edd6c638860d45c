package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.juicetokens.trust.identity.proto.IdentityKey;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.SignedIdentityDocument;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityDocumentsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ed25519.PrivateKey k0 = Ed25519.generate(RANDOM);
  private final Ed25519.PrivateKey k1 = Ed25519.generate(RANDOM);
  private final Ed25519.PrivateKey k2 = Ed25519.generate(RANDOM);
  private final IdentityDocuments.Signed created = IdentityDocuments.create(k0, "Alice", "a", 1_000);

  @Test
  void a_new_document_is_sequence_1_signed_by_keys0_and_verifies() {
    IdentityDocument d = created.document();
    assertThat(d.getId()).isEqualTo(IdentityIds.derive(k0.publicKey()));
    assertThat(d.getSequence()).isEqualTo(1);
    assertThat(d.getStatus()).isEqualTo(IdentityStatus.ACTIVE);
    assertThat(d.getKeysCount()).isEqualTo(1);
    assertThat(created.signed().getSignerKey()).isZero();
    Verification v = IdentityDocuments.verify(created.signed(), null);
    assertThat(v.isValid()).as(v.message()).isTrue();
    assertThat(v.document()).isEqualTo(d);
  }

  @Test
  void a_rotation_adds_a_key_endorsed_by_the_old_one_and_is_signed_by_it() {
    IdentityDocuments.Signed rotated = IdentityDocuments.rotate(created.document(), k0, k1, 2_000);
    IdentityDocument d = rotated.document();
    assertThat(d.getSequence()).isEqualTo(2);
    assertThat(d.getActiveKey()).isEqualTo(1);
    assertThat(rotated.activePublicKey()).isEqualTo(k1.publicKey());
    assertThat(rotated.signed().getSignerKey()).isZero();
    assertThat(IdentityDocuments.verify(rotated.signed(), created.document()).isValid()).isTrue();

    IdentityDocuments.Signed twice = IdentityDocuments.rotate(d, k1, k2, 3_000);
    assertThat(twice.signed().getSignerKey()).isEqualTo(1);
    assertThat(IdentityDocuments.verify(twice.signed(), d).isValid()).isTrue();
    IdentityDocuments.Signed revoked = IdentityDocuments.revoke(twice.document(), k2, 4_000);
    assertThat(revoked.signed().getSignerKey()).isEqualTo(2);
    assertThat(revoked.document().getStatus()).isEqualTo(IdentityStatus.REVOKED);
    assertThat(IdentityDocuments.verify(revoked.signed(), twice.document()).isValid()).isTrue();
  }

  @Test
  void a_tampered_document_fails_its_signature() {
    IdentityDocument changed = created.document().toBuilder().setDisplayName("Mallory").build();
    SignedIdentityDocument tampered = created.signed().toBuilder().setDocument(changed.toByteString()).build();
    assertRejected(tampered, null, Rejection.BAD_SIGNATURE);
  }

  @Test
  void garbage_and_out_of_range_fields_are_malformed() {
    assertRejected(SignedIdentityDocument.newBuilder().setDocument(ByteString.copyFromUtf8("\u00ff\u00ff\u00ff")).build(), null, Rejection.MALFORMED);
    assertRejected(resigned(created.document().toBuilder().clearKeys().build(), 0, k0), null, Rejection.MALFORMED);
    assertRejected(resigned(created.document().toBuilder().setSequence(0).build(), 0, k0), null, Rejection.MALFORMED);
    assertRejected(resigned(created.document().toBuilder().setStatus(IdentityStatus.IDENTITY_STATUS_UNSPECIFIED).build(), 0, k0), null,
      Rejection.MALFORMED);
  }

  @Test
  void an_id_not_derived_from_keys0_is_refused() {
    IdentityDocument other = created.document().toBuilder().setId(IdentityIds.derive(k1.publicKey())).build();
    assertRejected(resigned(other, 0, k0), null, Rejection.ID_MISMATCH);
  }

  @Test
  void a_key_not_endorsed_by_its_predecessor_breaks_the_chain() {
    IdentityDocument rotated = IdentityDocuments.rotate(created.document(), k0, k1, 2_000).document();
    IdentityKey forged = rotated.getKeys(1).toBuilder().setPublicKey(ByteString.copyFrom(k2.publicKey())).build();
    IdentityDocument broken = rotated.toBuilder().setKeys(1, forged).build();
    Verification v = IdentityDocuments.verify(resigned(broken, 0, k0), null);
    assertThat(v.rejection()).isEqualTo(Rejection.BROKEN_KEY_CHAIN);
    assertThat(v.message()).contains("not endorsed by keys[0]");
  }

  @Test
  void a_document_signed_by_another_key_than_the_one_before_it_is_the_wrong_signer() {
    IdentityDocument rotated = IdentityDocuments.rotate(created.document(), k0, k1, 2_000).document();
    // the new key signs its own introduction: refused, the rotation must be signed by the old key
    assertRejected(resigned(rotated, 1, k1), null, Rejection.WRONG_SIGNER);
    // claims signer 0 but is signed by key 1
    assertRejected(resigned(rotated, 0, k1), null, Rejection.BAD_SIGNATURE);
  }

  @Test
  void an_older_document_than_a_known_one_is_stale_and_a_fork_breaks_the_chain() {
    IdentityDocuments.Signed rotated = IdentityDocuments.rotate(created.document(), k0, k1, 2_000);
    Verification stale = IdentityDocuments.verify(created.signed(), rotated.document());
    assertThat(stale.rejection()).isEqualTo(Rejection.STALE_SEQUENCE);
    assertThat(stale.message()).contains("sequence 1", "known sequence 2");
    // the retired key forks: sequence 3 with another key endorsed by keys[0]
    IdentityDocuments.Signed fork = IdentityDocuments.rotate(created.document().toBuilder().setSequence(2).build(), k0, k2, 3_000);
    assertThat(IdentityDocuments.verify(fork.signed(), null).isValid()).isTrue();
    assertRejected(fork.signed(), rotated.document(), Rejection.BROKEN_KEY_CHAIN);
  }

  @Test
  void against_known_gives_the_comparison_verdicts_of_verify_for_a_document_verified_already() {
    IdentityDocuments.Signed rotated = IdentityDocuments.rotate(created.document(), k0, k1, 2_000);
    IdentityDocuments.Signed fork = IdentityDocuments.rotate(created.document().toBuilder().setSequence(2).build(), k0, k2, 3_000);
    assertThat(IdentityDocuments.againstKnown(created.signed(), rotated.document()).rejection()).isEqualTo(Rejection.STALE_SEQUENCE);
    assertThat(IdentityDocuments.againstKnown(fork.signed(), rotated.document()).rejection()).isEqualTo(Rejection.BROKEN_KEY_CHAIN);
    Verification newer = IdentityDocuments.againstKnown(rotated.signed(), created.document());
    assertThat(newer.isValid()).isTrue();
    assertThat(newer.document()).isEqualTo(IdentityDocuments.verify(rotated.signed(), created.document()).document());
    assertThat(IdentityDocuments.againstKnown(rotated.signed(), null).isValid()).isTrue();
    assertThat(IdentityDocuments.againstKnown(created.signed().toBuilder().setDocument(ByteString.copyFromUtf8("garbage")).build(), null)
      .rejection()).isEqualTo(Rejection.MALFORMED);
  }

  @Test
  void a_revoked_identity_cannot_be_updated() {
    IdentityDocument revoked = IdentityDocuments.revoke(created.document(), k0, 2_000).document();
    assertThatThrownBy(() -> IdentityDocuments.rotate(revoked, k0, k1, 3_000))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    assertThatThrownBy(() -> IdentityDocuments.revoke(revoked, k0, 3_000)).isInstanceOf(JuiceException.class);
  }

  private static SignedIdentityDocument resigned(IdentityDocument document, int signer, Ed25519.PrivateKey key) {
    return IdentityDocuments.sign(document, signer, key).signed();
  }

  private static void assertRejected(SignedIdentityDocument signed, IdentityDocument known, Rejection expected) {
    Verification v = IdentityDocuments.verify(signed, known);
    assertThat(v.isValid()).isFalse();
    assertThat(v.rejection()).as(v.message()).isEqualTo(expected);
  }
}
