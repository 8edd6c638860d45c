package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.DenominationCount;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.RevokeIdentityRequest;
import org.juicetokens.api.v1.TokenHistory;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtRemoveRequest;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StorePut;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.token.proto.IssuanceClaim;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenIndexEntry;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.creation.TokenTestSupport.ask;
import static org.juicetokens.token.creation.TokenTestSupport.dht;
import static org.juicetokens.token.creation.TokenTestSupport.failure;
import static org.juicetokens.token.creation.TokenTestSupport.identity;
import static org.juicetokens.token.creation.TokenTestSupport.mint;
import static org.juicetokens.token.creation.TokenTestSupport.request;
import static org.juicetokens.token.creation.TokenTestSupport.tokenStore;

/** Minting on one node (a cluster of one) with real identities: storage, index, wissel, refusals, verification. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenNodeTest {
  private JuiceNode node;
  private String issuer;
  private String owner;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    node = TokenTestSupport.startCluster(tmp, List.of("solo"), Map.of("token.indexRetryMs", "300")).get(0);
    issuer = identity(node, "Issuer");
    owner = identity(node, "Owner");
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void minted_tokens_are_stored_indexed_and_verified_on_read() throws Exception {
    MintReply reply = mint(node, issuer, owner, "coffee", 10, 3);
    assertThat(reply.getTokensList()).extracting(Token::getId)
      .containsExactly("47c609bc-coffee-10-001", "47c609bc-coffee-10-002", "47c609bc-coffee-10-003");
    assertThat(reply.getIssuanceId()).isEqualTo("47c609bc-coffee");
    assertThat(reply.getIssuanceClaimed()).isTrue();
    assertThat(reply.getAmountHundredths()).isEqualTo(3000);
    assertThat(reply.getIndexPending()).isZero();

    TokenReply read = ask(node, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId("47c609bc-coffee-10-002").build(), TokenReply.class);
    assertThat(read.getVerified()).as(read.getVerificationFailure()).isTrue();
    assertThat(read.getToken().getOwnerId()).isEqualTo(owner);
    assertThat(read.getIndex().getHomeNode()).isEqualTo("solo");
    assertThat(read.getIndex().getTransferNumber()).isZero();
    assertThat(read.getIndex().getHead()).isEqualTo(read.getToken().getTelomere().getHead());

    IssuanceClaim claim = IssuanceClaim.parseFrom(dht(node, DhtMaps.ISSUANCES, "47c609bc-coffee").getValue());
    assertThat(claim.getIssuerId()).isEqualTo(issuer);
    assertThat(claim.getMinted()).isEqualTo(3);

    MintReply more = mint(node, issuer, owner, "coffee", 20, 2);
    assertThat(more.getIssuanceClaimed()).isFalse();
    assertThat(more.getTokensList()).extracting(Token::getId).containsExactly("47c609bc-coffee-20-004", "47c609bc-coffee-20-005");
  }

  @Test
  void a_mint_of_the_largest_count_stores_every_token() throws Exception {
    String holder = identity(node, "Big holder");
    MintReply reply = mint(node, issuer, holder, "bulk", 2, 1000);
    assertThat(reply.getTokensCount()).isEqualTo(1000);
    assertThat(reply.getIndexPending()).isZero();
    assertThat(reply.getTokens(999).getId()).isEqualTo("47c609bc-bulk-2-1000");
    Balance balance = ask(node, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(holder).build(), Balance.class);
    assertThat(balance.getAmountHundredths()).isEqualTo(1000 * 2 * 100);
    assertThat(tokenStore(node)).filteredOn(k -> k.startsWith("tok/" + holder + "/")).hasSize(1000);
  }

  @Test
  void the_first_denomination_one_token_becomes_the_wissel_once() throws Exception {
    String holder = identity(node, "Holder");
    mint(node, issuer, holder, "beans", 5, 1);
    MintReply ones = mint(node, issuer, holder, "beans", 1, 3);
    assertThat(ones.getTokensList()).filteredOn(Token::getWissel).extracting(Token::getId).containsExactly(ones.getTokens(0).getId());
    MintReply later = mint(node, issuer, holder, "beans", 1, 2);
    assertThat(later.getTokensList()).noneMatch(Token::getWissel);

    Balance balance = ask(node, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(holder).build(), Balance.class);
    assertThat(balance.getAmountHundredths()).isEqualTo(500 + 5 * 100);
    assertThat(balance.getTokenCount()).isEqualTo(6);
    assertThat(balance.getWisselTokenId()).isEqualTo(ones.getTokens(0).getId());
    assertThat(balance.getWisselHundredths()).isEqualTo(100);
    assertThat(balance.getByDenominationList()).extracting(DenominationCount::getDenomination, DenominationCount::getCount)
      .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 5), org.assertj.core.groups.Tuple.tuple(5, 1));
  }

  @Test
  void refused_mints_leave_storage_and_the_dht_untouched() throws Exception {
    String intruder = identity(node, "Intruder");
    String revoked = identity(node, "Revoked");
    ask(node, Addresses.IDENTITY_REVOKE, RevokeIdentityRequest.newBuilder().setId(revoked).setExpectedSequence(1).setReason("test").build(),
      IdentityView.class);
    mint(node, issuer, owner, "tea", 2, 1);
    List<String> store = tokenStore(node);
    long issuances = TokenTestSupport.dhtEntries(node, DhtMaps.ISSUANCES);
    long index = TokenTestSupport.dhtEntries(node, DhtMaps.TOKEN_INDEX);

    Map<MintRequest, String> refusals = Map.of(
      request(issuer, owner, "tea", 3, 1), "INVALID_ARGUMENT denomination 3 is not one of",
      request(issuer, owner, "te-a", 2, 1), "INVALID_ARGUMENT bad reference",
      request(issuer, owner, "abcdefghijabcdefghijabcdefghijabc", 2, 1), "INVALID_ARGUMENT bad reference",
      request(issuer, owner, "tea", 2, 0), "INVALID_ARGUMENT count must be 1 to 1000",
      request(issuer, owner, "tea", 2, 1001), "INVALID_ARGUMENT count must be 1 to 1000",
      request(issuer, "00112233445566778899aabbccddeeff00112233", "tea", 2, 1), "NOT_FOUND unknown owner",
      request("00112233445566778899aabbccddeeff00112233", owner, "tea", 2, 1), "NOT_FOUND unknown issuer",
      request(intruder, owner, "tea", 2, 1), "PERMISSION_DENIED issuance 47c609bc-tea belongs to " + issuer,
      request(issuer, revoked, "tea", 2, 1), "PERMISSION_DENIED owner " + revoked + " is REVOKED",
      request(revoked, owner, "fresh", 2, 1), "PERMISSION_DENIED issuer " + revoked + " is REVOKED");
    for (Map.Entry<MintRequest, String> refusal : refusals.entrySet()) {
      JuiceException e = failure(node, Addresses.TOKEN_MINT, refusal.getKey());
      assertThat(e.code() + " " + e.getMessage()).as(refusal.getValue()).startsWith(refusal.getValue());
    }
    assertThat(tokenStore(node)).isEqualTo(store);
    assertThat(TokenTestSupport.dhtEntries(node, DhtMaps.ISSUANCES)).isEqualTo(issuances);
    assertThat(TokenTestSupport.dhtEntries(node, DhtMaps.TOKEN_INDEX)).isEqualTo(index);
    assertThat(dht(node, DhtMaps.ISSUANCES, "47c609bc-fresh").getFound()).isFalse();
  }

  @Test
  void a_tampered_stored_token_fails_verification() throws Exception {
    Token token = mint(node, issuer, owner, "milk", 50, 1).getTokens(0);
    Token forged = token.toBuilder().setDenomination(500).build();
    ask(node, Addresses.STORAGE_PUT, StorePut.newBuilder().setFamily(StoreFamily.TOKENS.dbName())
      .setKey(ByteString.copyFrom(TokenStoreLayout.tokenKey(owner, token.getId()))).setValue(forged.toByteString()).setSync(true).build(),
      StoreAck.class);
    TokenReply read = ask(node, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(token.getId()).build(), TokenReply.class);
    assertThat(read.getVerified()).isFalse();
    assertThat(read.getVerificationFailure()).contains("denomination 500 differs");
  }

  @Test
  void history_starts_at_the_genesis_signed_by_the_issuer() throws Exception {
    Token token = mint(node, issuer, owner, "juice", 100, 1).getTokens(0);
    TokenHistory history = ask(node, Addresses.TOKEN_HISTORY, TokenRequest.newBuilder().setTokenId(token.getId()).build(), TokenHistory.class);
    assertThat(history.getValid()).as(history.getFailure()).isTrue();
    assertThat(history.getEntriesCount()).isEqualTo(1);
    assertThat(history.getEntries(0).getTransferNumber()).isZero();
    assertThat(history.getEntries(0).getSignatureValid()).isTrue();
  }

  @Test
  void reads_of_malformed_or_unknown_ids_are_refused_clearly() {
    JuiceException malformed = failure(node, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId("47c609bc-coffee-10-1").build());
    assertThat(malformed.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(malformed.getMessage()).contains("zero-padded");
    JuiceException unknown = failure(node, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId("47c609bc-nothing-10-001").build());
    assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(node, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId("00112233445566778899aabbccddeeff00112233").build()).code())
      .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void an_index_entry_lost_after_the_store_is_republished_by_the_home_node() throws Exception {
    Token token = mint(node, issuer, owner, "lost", 200, 1).getTokens(0);
    ask(node, Addresses.DHT_REMOVE, DhtRemoveRequest.newBuilder().setMap(DhtMaps.TOKEN_INDEX).setKey(token.getId()).build(), DhtWriteResult.class);
    // checked before the marker exists: once it does, the retry timer may re-publish at any moment
    assertThat(failure(node, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(token.getId()).build()).code()).isEqualTo(ErrorCode.NOT_FOUND);
    // the outbox marker the store writes with the tokens, as if the index write had failed
    ask(node, Addresses.STORAGE_PUT, StorePut.newBuilder().setFamily(StoreFamily.TOKENS.dbName())
      .setKey(ByteString.copyFrom(TokenStoreLayout.pendingIndexKey(token.getId()))).setValue(ByteString.copyFromUtf8(owner)).build(), StoreAck.class);
    long deadline = System.currentTimeMillis() + 20_000;
    boolean back = false;
    while (!back && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      back = dht(node, DhtMaps.TOKEN_INDEX, token.getId()).getFound();
    }
    assertThat(back).as("index entry re-published").isTrue();
    assertThat(TokenIndexEntry.parseFrom(dht(node, DhtMaps.TOKEN_INDEX, token.getId()).getValue()).getHomeNode()).isEqualTo("solo");
  }

  @Test
  void meters_and_health_describe_the_token_layer() throws Exception {
    mint(node, issuer, owner, "meter", 10, 2);
    String metrics = http("/metrics");
    assertThat(metrics).contains("juice_tokens_minted_total{denomination=\"10\"");
    assertThat(metrics).contains("juice_tokens_held{denomination=\"10\"");
    assertThat(metrics).contains("juice_token_mint_batch_size_count");
    assertThat(metrics).contains("juice_operation_seconds_count{layer=\"mint\",node=\"solo\",operation=\"mint\",outcome=\"ok\"");
    JsonObject health = new JsonObject(http("/health"));
    JsonObject tokens = health.getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(c -> c.getString("id").equals("tokens")).findFirst().orElseThrow();
    assertThat(tokens.getString("status")).isEqualTo("UP");
    assertThat(tokens.getJsonObject("data").getString("location")).isEqualTo("47c609bc");
  }

  private String http(String path) throws Exception {
    var client = node.vertx().createHttpClient();
    try {
      return client.request(HttpMethod.GET, node.httpPort(), "127.0.0.1", path)
        .compose(r -> r.send().compose(resp -> resp.body()))
        .await(20, TimeUnit.SECONDS).toString();
    } finally {
      client.close();
    }
  }
}
