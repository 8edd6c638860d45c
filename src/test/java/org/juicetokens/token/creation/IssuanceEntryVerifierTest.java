package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.dht.DhtEntryVerifier;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.DhtVerifiers;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.token.proto.IssuanceClaim;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** jt.issuances accepts only claims signed by their own issuer, for their own key. */
class IssuanceEntryVerifierTest {
  private static final String KEY = "47c609bc-coffee";
  private final Ed25519.PrivateKey issuer = Ed25519.generate(new SecureRandom());
  private final Ed25519.PrivateKey other = Ed25519.generate(new SecureRandom());
  private final DhtVerifiers verifiers = new DhtVerifiers();

  IssuanceEntryVerifierTest() {
    verifiers.register(DhtMaps.ISSUANCES, new IssuanceEntryVerifier(), true);
  }

  private DhtEntry entry(IssuanceClaim claim, String signerId, Ed25519.PrivateKey signer, String key) {
    DhtEntry unsigned = DhtEntry.newBuilder().setValue(claim.toByteString()).setWrittenAtMs(1000).build();
    byte[] signature = signer.sign(DhtEntryVerifier.signedBytes(DhtMaps.ISSUANCES, key, unsigned));
    return unsigned.toBuilder().setSignerId(signerId).setSignerPublicKey(ByteString.copyFrom(signer.publicKey()))
      .setSignature(ByteString.copyFrom(signature)).build();
  }

  @Test
  void a_claim_signed_by_its_issuer_is_valid_and_anything_else_is_refused() {
    IssuanceClaim claim = IssuanceClaims.first(KEY, "issuer1", issuer.publicKey(), "a", 3, 1000);
    assertThat(verifiers.check(DhtMaps.ISSUANCES, KEY, entry(claim, "issuer1", issuer, KEY))).isEqualTo(DhtVerifiers.Verdict.VALID);
    // someone else signing the issuer's claim, or a claim naming another issuer id
    assertThat(verifiers.check(DhtMaps.ISSUANCES, KEY, entry(claim, "issuer1", other, KEY))).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
    assertThat(verifiers.check(DhtMaps.ISSUANCES, KEY, entry(claim, "intruder", issuer, KEY))).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
    // a valid entry moved to another issuance id, or with its counter changed afterwards
    assertThat(verifiers.check(DhtMaps.ISSUANCES, "47c609bc-tea", entry(claim, "issuer1", issuer, KEY))).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
    DhtEntry signed = entry(claim, "issuer1", issuer, KEY);
    DhtEntry bumped = signed.toBuilder().setValue(claim.toBuilder().setMinted(1).build().toByteString()).build();
    assertThat(verifiers.check(DhtMaps.ISSUANCES, KEY, bumped)).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
    assertThat(verifiers.check(DhtMaps.ISSUANCES, KEY, DhtEntry.newBuilder().setValue(claim.toByteString()).build()))
      .isEqualTo(DhtVerifiers.Verdict.SIGNATURE_REQUIRED);
    DhtEntry garbage = signed.toBuilder().setValue(ByteString.copyFromUtf8("not a claim")).build();
    assertThat(verifiers.check(DhtMaps.ISSUANCES, KEY, garbage)).isEqualTo(DhtVerifiers.Verdict.BAD_SIGNATURE);
  }
}
