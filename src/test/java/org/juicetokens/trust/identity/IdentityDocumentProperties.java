package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.trust.identity.proto.SignedIdentityDocument;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Any single flipped bit of a signed (rotated) document, in its bytes or its signature, makes it untrusted. */
class IdentityDocumentProperties {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Ed25519.PrivateKey K0 = Ed25519.generate(RANDOM);
  private static final Ed25519.PrivateKey K1 = Ed25519.generate(RANDOM);
  private static final SignedIdentityDocument ROTATED = IdentityDocuments.rotate(
    IdentityDocuments.create(K0, "Prop", "node-1", 1_000).document(), K0, K1, 2_000).signed();

  @Property(tries = 300)
  void a_flipped_bit_in_the_document_is_never_trusted(@ForAll @IntRange(min = 0, max = 1_000_000) int position) {
    byte[] bytes = ROTATED.getDocument().toByteArray();
    int bit = position % (bytes.length * 8);
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    SignedIdentityDocument tampered = ROTATED.toBuilder().setDocument(ByteString.copyFrom(bytes)).build();
    assertThat(IdentityDocuments.verify(tampered, null).isValid()).isFalse();
  }

  @Property(tries = 100)
  void a_flipped_bit_in_the_signature_is_never_trusted(@ForAll @IntRange(min = 0, max = 511) int bit) {
    byte[] signature = ROTATED.getSignature().toByteArray();
    signature[bit / 8] ^= (byte) (1 << (bit % 8));
    SignedIdentityDocument tampered = ROTATED.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
    assertThat(IdentityDocuments.verify(tampered, null).rejection()).isEqualTo(Rejection.BAD_SIGNATURE);
  }
}
