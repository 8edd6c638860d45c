package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.IssuanceClaim;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenStoreReply;
import org.juicetokens.token.proto.TokenStoreRequest;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.creation.TokenTestSupport.ask;
import static org.juicetokens.token.creation.TokenTestSupport.failure;
import static org.juicetokens.token.creation.TokenTestSupport.identity;
import static org.juicetokens.token.creation.TokenTestSupport.mint;
import static org.juicetokens.token.creation.TokenTestSupport.tokenStore;

/**
 * The store behind a mint, on one node: a store of many tokens (its genesis checks run on the
 * verify workers) still refuses a batch with one forged genesis whole, and keeps a sound one; a mint
 * answers only after its issuance claim is kept locally (the keep overlaps the signing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenStorePathTest {
  private JuiceNode node;
  private String issuer;
  private String owner;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    node = TokenTestSupport.startCluster(tmp, List.of("solo"), Map.of()).get(0);
    issuer = identity(node, "Issuer");
    owner = identity(node, "Owner");
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Three tokens signed by the issuer through its home node, as a mint would build them (indices 1-3 of "forge"). */
  private List<Token> signedTokens(String reference) throws Exception {
    IdentityView issuerView = ask(node, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(issuer).build(), IdentityView.class);
    IdentityView ownerView = ask(node, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(owner).build(), IdentityView.class);
    TokenMint tokenMint = new TokenMint("47c609bc", 365);
    MintOrder order = new MintOrder(issuer, owner, reference, 5, 3);
    List<Token> tokens = new ArrayList<>();
    for (GenesisRecord record : tokenMint.records(order, new IssuanceClaims.Range(1, 3, true),
      issuerView.getActivePublicKey().toByteArray(), ownerView.getActivePublicKey().toByteArray(), System.currentTimeMillis())) {
      IdentitySignature signature = ask(node, Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId(issuer)
        .setPurpose("genesis").setData(record.toByteString()).build(), IdentitySignature.class);
      tokens.add(TokenMint.token(record, signature.getSignature().toByteArray()));
    }
    return tokens;
  }

  private String storeAddress() {
    return Addresses.node("solo", Addresses.TOKEN_STORE_SUFFIX);
  }

  @Test
  void a_store_of_many_tokens_with_one_forged_genesis_is_refused_whole() throws Exception {
    List<Token> tokens = new ArrayList<>(signedTokens("forge"));
    byte[] signature = tokens.get(2).getGenesis().getSignature().toByteArray();
    signature[5] ^= 1;
    tokens.set(2, tokens.get(2).toBuilder().setGenesis(tokens.get(2).getGenesis().toBuilder().setSignature(ByteString.copyFrom(signature))).build());
    List<String> before = tokenStore(node);

    JuiceException refused = failure(node, storeAddress(), TokenStoreRequest.newBuilder().addAllTokens(tokens).setMintingNode("solo").build());

    assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refused.getMessage()).contains("refusing token " + tokens.get(2).getId()).contains("genesis signature");
    assertThat(tokenStore(node)).isEqualTo(before);
  }

  @Test
  void a_store_of_many_sound_tokens_keeps_every_one() throws Exception {
    List<Token> tokens = signedTokens("sound");
    TokenStoreReply stored = ask(node, storeAddress(), TokenStoreRequest.newBuilder().addAllTokens(tokens).setMintingNode("solo").build(),
      TokenStoreReply.class);
    assertThat(stored.getTokensList()).extracting(Token::getId).containsExactlyElementsOf(tokens.stream().map(Token::getId).toList());
    assertThat(tokenStore(node)).filteredOn(k -> k.startsWith("tok/" + owner + "/47c609bc-sound-")).hasSize(3);
  }

  @Test
  void a_mint_answers_after_its_claim_is_kept_locally() throws Exception {
    for (int i = 1; i <= 3; i++) {
      MintReply reply = mint(node, issuer, owner, "kept", 10, 2);
      StoreValue kept = ask(node, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.TOKENS.dbName())
        .setKey(ByteString.copyFrom(TokenStoreLayout.claimKey(reply.getIssuanceId()))).build(), StoreValue.class);
      assertThat(kept.getFound()).isTrue();
      IssuanceClaim claim = IssuanceClaim.parseFrom(DhtPutRequest.parseFrom(kept.getValue()).getValue());
      assertThat(claim.getMinted()).isEqualTo(2L * i);
    }
  }
}
