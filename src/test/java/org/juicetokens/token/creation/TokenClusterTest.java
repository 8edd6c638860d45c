package org.juicetokens.token.creation;

import io.vertx.core.Future;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.ListTokensRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.TokenList;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.token.proto.IssuanceClaim;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenIndexEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.creation.TokenTestSupport.TIMEOUT_MS;
import static org.juicetokens.token.creation.TokenTestSupport.ask;
import static org.juicetokens.token.creation.TokenTestSupport.dht;
import static org.juicetokens.token.creation.TokenTestSupport.identity;
import static org.juicetokens.token.creation.TokenTestSupport.mint;
import static org.juicetokens.token.creation.TokenTestSupport.request;
import static org.juicetokens.token.creation.TokenTestSupport.tokenStore;

/** Three nodes: identities homed on different nodes, mints routed to the issuer's home, tokens kept on the owner's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenClusterTest {
  private List<JuiceNode> nodes = List.of();
  private JuiceNode a;
  private JuiceNode b;
  private JuiceNode c;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = TokenTestSupport.startCluster(tmp, List.of("a", "b", "c"), Map.of());
    a = nodes.get(0);
    b = nodes.get(1);
    c = nodes.get(2);
    long deadline = System.currentTimeMillis() + 60_000;
    while (!(a.context().hazelcast().getCluster().getMembers().size() == 3 && a.context().hazelcast().getPartitionService().isClusterSafe())) {
      assertThat(System.currentTimeMillis()).as("3 members, cluster safe").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @AfterAll
  void stop() throws Exception {
    TokenTestSupport.closeAll(nodes);
  }

  @Test
  void tokens_live_on_the_owners_home_node_and_read_the_same_from_every_node() throws Exception {
    String issuer = identity(a, "Issuer on a");
    String owner = identity(b, "Owner on b");
    MintReply reply = mint(c, issuer, owner, "apples", 20, 4);
    assertThat(reply.getTokensCount()).isEqualTo(4);
    String first = reply.getTokens(0).getId();

    assertThat(tokenStore(b)).anyMatch(k -> k.startsWith("tok/" + owner + "/" + first + "="));
    assertThat(tokenStore(a)).noneMatch(k -> k.contains(first));
    assertThat(tokenStore(c)).noneMatch(k -> k.contains(first));
    TokenIndexEntry index = TokenIndexEntry.parseFrom(dht(a, DhtMaps.TOKEN_INDEX, first).getValue());
    assertThat(index.getHomeNode()).isEqualTo("b");
    assertThat(index.getOwnerId()).isEqualTo(owner);
    assertThat(IssuanceClaim.parseFrom(dht(c, DhtMaps.ISSUANCES, reply.getIssuanceId()).getValue()).getHomeNode()).isEqualTo("a");

    for (JuiceNode via : nodes) {
      Balance balance = ask(via, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(owner).build(), Balance.class);
      assertThat(balance.getAmountHundredths()).isEqualTo(4 * 20 * 100);
      assertThat(balance.getTokenCount()).isEqualTo(4);
      TokenReply read = ask(via, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(first).build(), TokenReply.class);
      assertThat(read.getVerified()).as(read.getVerificationFailure()).isTrue();
      TokenList list = ask(via, Addresses.TOKEN_LIST, ListTokensRequest.newBuilder().setId(owner).build(), TokenList.class);
      assertThat(list.getTokensList()).extracting(Token::getId).containsExactlyInAnyOrderElementsOf(
        reply.getTokensList().stream().map(Token::getId).toList());
    }
    Balance issuerBalance = ask(b, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(issuer).build(), Balance.class);
    assertThat(issuerBalance.getTokenCount()).isZero();
  }

  @Test
  void concurrent_mints_under_one_reference_give_it_to_one_issuer_and_never_repeat_an_index() throws Exception {
    String x = identity(a, "X on a");
    String y = identity(b, "Y on b");
    String owner = identity(c, "Owner on c");
    int rounds = 4;
    List<Future<MintReply>> fromX = new ArrayList<>();
    List<Future<MintReply>> fromY = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      fromX.add(Bus.request(a.vertx().eventBus(), Addresses.TOKEN_MINT, request(x, owner, "race", 5, 3), TIMEOUT_MS, MintReply.class));
      fromY.add(Bus.request(b.vertx().eventBus(), Addresses.TOKEN_MINT, request(y, owner, "race", 5, 3), TIMEOUT_MS, MintReply.class));
    }
    Future.join(new ArrayList<Future<?>>(fromX) {{ addAll(fromY); }}).otherwiseEmpty().await(TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);

    String claimant = IssuanceClaim.parseFrom(dht(c, DhtMaps.ISSUANCES, "47c609bc-race").getValue()).getIssuerId();
    assertThat(claimant).isIn(x, y);
    List<Future<MintReply>> winners = claimant.equals(x) ? fromX : fromY;
    List<Future<MintReply>> losers = claimant.equals(x) ? fromY : fromX;
    assertThat(winners).allMatch(Future::succeeded);
    for (Future<MintReply> lost : losers) {
      assertThat(lost.failed()).isTrue();
      JuiceException e = Errors.toJuice(lost.cause());
      assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(e.getMessage()).isEqualTo("issuance 47c609bc-race belongs to " + claimant);
    }
    assertThat(winners.stream().filter(f -> f.result().getIssuanceClaimed()).count()).isEqualTo(1);
    List<String> ids = winners.stream().flatMap(f -> f.result().getTokensList().stream()).map(Token::getId).toList();
    Set<String> distinct = new HashSet<>(ids);
    assertThat(distinct).hasSize(ids.size());
    assertThat(distinct).isEqualTo(IntStream.rangeClosed(1, rounds * 3).mapToObj(i -> TokenIds.format("47c609bc", "race", 5, i))
      .collect(Collectors.toSet()));
    Balance balance = ask(a, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(owner).build(), Balance.class);
    assertThat(balance.getTokenCount()).isEqualTo(rounds * 3);
  }
}
