package org.juicetokens.token.telomere;

import com.google.protobuf.ByteString;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.creation.TokenMint;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.RenewalLink;
import org.juicetokens.token.proto.RenewalLinkSigned;
import org.juicetokens.token.proto.Token;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The renewal transformation: signed by the old token's owner over its head, carried in the replacement's genesis. */
class RenewalLinksTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Ed25519.PrivateKey issuer = Ed25519.generate(RANDOM);
  private final Ed25519.PrivateKey owner = Ed25519.generate(RANDOM);

  private Token minted(String id, long expires, RenewalLink renewal) {
    GenesisRecord.Builder record = GenesisRecord.newBuilder().setTokenId(id).setDenomination(10).setIssuerId("issuer")
      .setIssuerKey(ByteString.copyFrom(issuer.publicKey())).setOwnerId("alice").setOwnerKey(ByteString.copyFrom(owner.publicKey()))
      .setCreatedAtMs(1).setExpiresAtMs(expires);
    if (renewal != null) {
      record.setRenewal(renewal);
    }
    GenesisRecord r = record.build();
    return TokenMint.token(r, issuer.sign(r.toByteArray()));
  }

  private RenewalLink signedBy(Ed25519.PrivateKey key, Token old, long newExpiry) {
    RenewalLinkSigned signed = RenewalLinks.toSign(RenewalLinks.renewalId(old), old, owner.publicKey(), "alice", "", newExpiry, 5);
    return RenewalLinks.link(signed, key.sign(RenewalLinks.signingBytes(signed.toByteString())));
  }

  @Test
  void a_replacement_carrying_the_owners_link_over_the_old_head_is_sound_and_its_head_commits_to_it() {
    Token old = minted("47c609bc-r-10-001", 100, null);
    RenewalLink link = signedBy(owner, old, 999);
    Token renewed = minted("47c609bc-r-10-002", 999, link);
    assertThat(RenewalLinks.failure(renewed, old)).isNull();
    assertThat(RenewalLinks.requireSigned(link, owner.publicKey()).getOldHead()).isEqualTo(old.getTelomere().getHead());
    assertThat(Telomeres.verify(renewed.getId(), renewed.getGenesis(), renewed.getTelomere(), VerifyOptions.of(10)).valid()).isTrue();
  }

  @Test
  void a_link_signed_by_another_key_or_for_another_expiry_or_token_is_refused() {
    Token old = minted("47c609bc-r-10-001", 100, null);
    assertThatThrownBy(() -> RenewalLinks.requireSigned(signedBy(issuer, old, 999), owner.publicKey()))
      .isInstanceOfSatisfying(JuiceException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(e.getMessage()).contains("bad signature");
      });
    assertThat(RenewalLinks.failure(minted("47c609bc-r-10-002", 998, signedBy(owner, old, 999)), old)).contains("expiry");
    Token another = minted("47c609bc-r-10-003", 100, null);
    assertThat(RenewalLinks.failure(minted("47c609bc-r-10-002", 999, signedBy(owner, old, 999)), another)).contains("another token");
    assertThat(RenewalLinks.failure(minted("47c609bc-r-10-002", 999, null), old)).contains("no renewal link");
  }

  @Test
  void the_renewal_id_follows_the_token_state() {
    Token old = minted("47c609bc-r-10-001", 100, null);
    assertThat(RenewalLinks.renewalId(old)).startsWith("rn-").isEqualTo(RenewalLinks.renewalId(old));
    Token moved = old.toBuilder().setTelomere(old.getTelomere().toBuilder().setHead(ByteString.copyFrom(new byte[32]))).build();
    assertThat(RenewalLinks.renewalId(moved)).isNotEqualTo(RenewalLinks.renewalId(old));
  }
}
