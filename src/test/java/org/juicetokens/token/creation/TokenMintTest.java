package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.DenominationCount;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.IssuanceClaim;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.telomere.Telomeres;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure minting steps with a test-side signer: records, claims, tokens, wissel, balance, verification. */
class TokenMintTest {
  private static final long NOW = 1_800_000_000_000L;
  private final Ed25519.PrivateKey issuer = Ed25519.generate(new SecureRandom());
  private final Ed25519.PrivateKey owner = Ed25519.generate(new SecureRandom());
  private final TokenMint mint = new TokenMint("47c609bc", 365);

  private List<Token> minted(int denomination, int count, IssuanceClaims.Range range) {
    MintOrder order = MintOrder.check(request(denomination, count), Denominations.standard(), 1000, 32);
    return mint.records(order, range, issuer.publicKey(), owner.publicKey(), NOW).stream()
      .map(r -> TokenMint.token(r, issuer.sign(r.toByteArray())))
      .toList();
  }

  private static MintRequest request(int denomination, int count) {
    return MintRequest.newBuilder().setIssuerId("issuer1").setOwnerId("owner1").setReference("coffee")
      .setDenomination(denomination).setCount(count).build();
  }

  @Test
  void minted_tokens_carry_a_signed_genesis_and_the_genesis_telomere() throws Exception {
    List<Token> tokens = minted(10, 3, new IssuanceClaims.Range(1, 3, true));
    assertThat(tokens).extracting(Token::getId).containsExactly("47c609bc-coffee-10-001", "47c609bc-coffee-10-002", "47c609bc-coffee-10-003");
    Token t = tokens.get(0);
    GenesisRecord record = GenesisRecord.parseFrom(t.getGenesis().getRecord());
    assertThat(record.getIssuerId()).isEqualTo("issuer1");
    assertThat(record.getOwnerId()).isEqualTo("owner1");
    assertThat(record.getExpiresAtMs() - record.getCreatedAtMs()).isEqualTo(TimeUnit.DAYS.toMillis(365));
    assertThat(t.getState()).isEqualTo(TokenState.ACTIVE);
    assertThat(t.getIssuanceId()).isEqualTo("47c609bc-coffee");
    assertThat(t.getTelomere().getHead().toByteArray()).isEqualTo(Hashes.sha256(t.getGenesis().getRecord().toByteArray()));
    assertThat(t.getTelomere().getPreviousOwnerHash().toByteArray()).isEqualTo(Telomeres.genesisOwnerHash(t.getId()));
    assertThat(t.getTelomere().getOwnerKey().toByteArray()).isEqualTo(owner.publicKey());
    assertThat(TokenVerification.failure(t, List.of(issuer.publicKey()))).isNull();
  }

  @Test
  void larger_mints_wait_longer_at_every_hop() {
    assertThat(MintTimeouts.waitMs(5000, 1, 0)).isEqualTo(5000);
    assertThat(MintTimeouts.waitMs(5000, 1, 2)).isEqualTo(15000);
    assertThat(MintTimeouts.waitMs(5000, 1000, 0)).isEqualTo(30000);
    assertThat(MintTimeouts.waitMs(5000, 1000, 1)).isGreaterThan(MintTimeouts.waitMs(5000, 1000, 0));
  }

  @Test
  void a_node_with_a_bad_location_or_lifetime_cannot_mint() {
    assertThatThrownBy(() -> new TokenMint("47c6", 365)).hasMessageContaining("token.location").hasMessageContaining("not a valid S2 cell");
    assertThatThrownBy(() -> new TokenMint("47C609BC", 365)).hasMessageContaining("lowercase hex");
    assertThatThrownBy(() -> new TokenMint("47c609bc", 0)).hasMessageContaining("token.lifetimeDays");
  }

  @Test
  void a_later_mint_continues_the_index_of_the_issuance() {
    IssuanceClaim first = IssuanceClaims.first("47c609bc-coffee", "issuer1", issuer.publicKey(), "a", 2, NOW);
    IssuanceClaim second = IssuanceClaims.advance(first, "issuer1", issuer.publicKey(), 3, NOW + 1);
    IssuanceClaims.Range range = IssuanceClaims.range(first, second);
    assertThat(range).isEqualTo(new IssuanceClaims.Range(3, 3, false));
    assertThat(IssuanceClaims.range(null, first)).isEqualTo(new IssuanceClaims.Range(1, 2, true));
    assertThat(minted(10, 3, range)).extracting(Token::getId).containsExactly("47c609bc-coffee-10-003", "47c609bc-coffee-10-004", "47c609bc-coffee-10-005");
  }

  @Test
  void someone_elses_issuance_is_permission_denied() {
    IssuanceClaim first = IssuanceClaims.first("47c609bc-coffee", "issuer1", issuer.publicKey(), "a", 1, NOW);
    assertThatThrownBy(() -> IssuanceClaims.advance(first, "intruder", owner.publicKey(), 1, NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
      .hasMessage("issuance 47c609bc-coffee belongs to issuer1");
  }

  @Test
  void bad_orders_are_invalid_argument_with_the_reason() {
    Denominations d = Denominations.standard();
    assertThatThrownBy(() -> MintOrder.check(request(3, 1), d, 1000, 32)).hasMessageContaining("denomination 3");
    assertThatThrownBy(() -> MintOrder.check(request(10, 0), d, 1000, 32)).hasMessageContaining("count must be 1 to 1000");
    assertThatThrownBy(() -> MintOrder.check(request(10, 1001), d, 1000, 32)).hasMessageContaining("got 1001");
    assertThatThrownBy(() -> MintOrder.check(request(10, 1).toBuilder().setReference("a-b").build(), d, 1000, 32))
      .hasMessageContaining("bad reference");
    assertThatThrownBy(() -> MintOrder.check(request(10, 1).toBuilder().setOwnerId("").build(), d, 1000, 32))
      .hasMessageContaining("ownerId is required");
    assertThatThrownBy(() -> MintOrder.check(request(10, 1).toBuilder().setIssuerId(" ").build(), d, 1000, 32))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(MintOrder.check(request(500, 1000), d, 1000, 32).amountHundredths()).isEqualTo(500L * 1000 * 100);
  }

  @Test
  void the_first_denomination_one_token_becomes_the_wissel_once() {
    List<Token> ones = minted(1, 3, new IssuanceClaims.Range(1, 3, true));
    List<Token> designated = Wissel.designate(ones, false);
    assertThat(designated).filteredOn(Token::getWissel).hasSize(1);
    assertThat(Wissel.find(designated).getId()).isEqualTo("47c609bc-coffee-1-001");
    assertThat(Wissel.find(designated).getWisselHundredths()).isEqualTo(100);
    assertThat(Wissel.designate(ones, true)).noneMatch(Token::getWissel);
    assertThat(Wissel.designate(minted(5, 2, new IssuanceClaims.Range(1, 2, true)), false)).noneMatch(Token::getWissel);
  }

  @Test
  void balance_counts_active_tokens_and_the_wissel_at_its_value() {
    List<Token> tokens = new java.util.ArrayList<>(Wissel.designate(minted(1, 2, new IssuanceClaims.Range(1, 2, true)), false));
    tokens.addAll(minted(10, 3, new IssuanceClaims.Range(1, 3, true)));
    tokens.set(0, tokens.get(0).toBuilder().setWisselHundredths(137).build());
    tokens.add(minted(50, 1, new IssuanceClaims.Range(9, 1, false)).get(0).toBuilder().setState(TokenState.LOCKED).build());
    tokens.add(minted(20, 1, new IssuanceClaims.Range(9, 1, false)).get(0).toBuilder().setExpiresAtMs(NOW - 1).build());
    Balance b = Balances.of("owner1", tokens, NOW);
    assertThat(b.getAmountHundredths()).isEqualTo(137 + 100 + 3 * 1000);
    assertThat(b.getTokenCount()).isEqualTo(5);
    assertThat(b.getLockedCount()).isEqualTo(1);
    assertThat(b.getWisselHundredths()).isEqualTo(137);
    assertThat(b.getWisselTokenId()).isEqualTo("47c609bc-coffee-1-001");
    assertThat(b.getByDenominationList()).extracting(DenominationCount::getDenomination, DenominationCount::getCount)
      .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(10, 3));
    assertThat(Balances.format(b.getAmountHundredths())).isEqualTo("32.37");
    assertThat(Balances.format(5)).isEqualTo("0.05");
  }

  @Test
  void tampered_tokens_fail_verification_with_the_reason() {
    Token t = minted(10, 1, new IssuanceClaims.Range(1, 1, true)).get(0);
    List<byte[]> keys = List.of(issuer.publicKey());
    assertThat(TokenVerification.failure(t.toBuilder().setDenomination(100).build(), keys)).contains("denomination");
    assertThat(TokenVerification.failure(t.toBuilder().setId("47c609bc-coffee-10-002").build(), keys)).contains("genesis record is for");
    assertThat(TokenVerification.failure(t.toBuilder().setExpiresAtMs(t.getExpiresAtMs() + 1).build(), keys)).contains("expiry");
    byte[] sig = t.getGenesis().getSignature().toByteArray();
    sig[0] ^= 1;
    assertThat(TokenVerification.failure(t.toBuilder().setGenesis(t.getGenesis().toBuilder().setSignature(ByteString.copyFrom(sig))).build(), keys))
      .contains("genesis signature");
    assertThat(TokenVerification.failure(t, List.of(owner.publicKey()))).contains("not a key of issuer");
    assertThat(TokenVerification.failure(t.toBuilder().setTelomere(t.getTelomere().toBuilder().setHead(ByteString.copyFrom(new byte[32]))).build(), keys))
      .startsWith("telomere ");
    assertThat(TokenVerification.failure(t.toBuilder().setTelomere(t.getTelomere().toBuilder().setOwnerKey(ByteString.copyFrom(issuer.publicKey()))).build(), keys))
      .startsWith("telomere ");
  }
}
