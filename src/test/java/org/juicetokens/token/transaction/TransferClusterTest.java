package org.juicetokens.token.transaction;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import io.vertx.ext.healthchecks.CheckResult;
import org.juicetokens.api.v1.TransactionStats;
import org.juicetokens.api.v1.TransactionStatsRequest;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenApplyReply;
import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.transaction.proto.Propose;
import org.juicetokens.token.transaction.proto.TxAck;
import org.juicetokens.token.transaction.proto.TxMessage;
import org.juicetokens.token.transaction.proto.TxPlan;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.transaction.TxTestSupport.*;

/** Two nodes: transfers between identities homed on different nodes (and on one), end to end. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferClusterTest {
  private List<JuiceNode> nodes = List.of();
  private JuiceNode node1;
  private JuiceNode node2;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("node1", "node2"), FAST);
    node1 = nodes.get(0);
    node2 = nodes.get(1);
    eventually("2 members", () -> node1.context().hazelcast().getCluster().getMembers().size() == 2);
    awaitConsensus(nodes);
  }

  @AfterAll
  void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void seed_scenario_moves_a_token_to_the_payee_node_with_a_verifying_telomere_and_the_index_pointing_there() throws Exception {
    String user = identity(node1, "user");
    String testUser = identity(node2, "test-user");
    mint(node1, user, "seed", 5, 10);
    long before = worth(node1, user) + worth(node2, testUser);

    Transfer t = transfer(node1, user, testUser, 500);

    assertThat(t.getState()).isEqualTo(TxState.COMMITTED);
    assertThat(t.getSentTokenIdsList()).hasSize(1);
    String moved = t.getSentTokenIds(0);
    eventually("payee committed", () -> {
      try {
        return held(node2, testUser).stream().anyMatch(x -> x.getId().equals(moved));
      } catch (Exception e) {
        return false;
      }
    });
    assertThat(worth(node1, user)).isEqualTo(4500);
    assertThat(worth(node2, testUser)).isEqualTo(500);
    assertThat(worth(node1, user) + worth(node2, testUser)).isEqualTo(before);
    eventually("index points at node2", () -> {
      try {
        TokenReply r = ask(node2, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(moved).build(), TokenReply.class);
        return r.getIndex().getHomeNode().equals("node2") && r.getIndex().getTransferNumber() == 1;
      } catch (Exception e) {
        return false;
      }
    });
    TokenReply read = ask(node2, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(moved).build(), TokenReply.class);
    assertThat(read.getVerified()).as(read.getVerificationFailure()).isTrue();
    Token token = read.getToken();
    assertThat(token.getOwnerId()).isEqualTo(testUser);
    assertThat(token.getTelomere().getTransfers()).isEqualTo(1);
  }

  @Test
  void overpay_gets_exact_change_back_from_the_payee() throws Exception {
    String payer = identity(node1, "overpayer");
    String payee = identity(node2, "change-giver");
    mint(node1, payer, "tens", 10, 3);
    mint(node2, payee, "twos", 2, 3);
    mint(node2, payee, "ones", 1, 3);
    long before = worth(node1, payer) + worth(node2, payee);

    Transfer t = transfer(node1, payer, payee, 700);

    assertThat(t.getState()).isEqualTo(TxState.COMMITTED);
    assertThat(t.getChangeTokenIdsList()).hasSize(2);
    assertThat(worth(node1, payer)).isEqualTo(3000 - 700);
    eventually("payee committed", () -> worthOrZero(node2, payee) == before - (3000 - 700));
    assertThat(worth(node1, payer) + worth(node2, payee)).isEqualTo(before);
    assertThat(held(node1, payer)).extracting(Token::getId).containsAll(t.getChangeTokenIdsList());
  }

  @Test
  void hundredths_move_between_the_wissel_values() throws Exception {
    String payer = identity(node1, "cents-payer");
    String payee = identity(node2, "cents-payee");
    mint(node1, payer, "ones", 1, 3);
    mint(node1, payer, "fives", 5, 4);
    mint(node2, payee, "ones", 1, 2);
    long before = worth(node1, payer) + worth(node2, payee);

    Transfer t = transfer(node1, payer, payee, 250);

    assertThat(t.getState()).isEqualTo(TxState.COMMITTED);
    assertThat(t.getHundredthsToPayee()).isEqualTo(50);
    assertThat(worth(node1, payer)).isEqualTo(2300 - 250);
    eventually("payee committed", () -> worthOrZero(node2, payee) == 200 + 250);
    assertThat(wissel(node1, payer)).isEqualTo(50);
    assertThat(wissel(node2, payee)).isEqualTo(150);
    assertThat(worth(node1, payer) + worth(node2, payee)).isEqualTo(before);
    assertThat(held(node1, payer)).noneMatch(x -> x.getState() == TokenState.LOCKED);
    assertThat(held(node2, payee)).noneMatch(x -> x.getState() == TokenState.LOCKED);
  }

  @Test
  void hundredths_come_back_from_the_payee_when_they_cannot_go_forward() throws Exception {
    String payer = identity(node1, "reverse-payer");
    String payee = identity(node2, "reverse-payee");
    mint(node1, payer, "ones", 1, 4);
    mint(node1, payer, "twos", 2, 3);
    mint(node2, payee, "ones", 1, 2);
    long before = worth(node1, payer) + worth(node2, payee);

    Transfer forward = transfer(node1, payer, payee, 180);
    assertThat(forward.getHundredthsToPayee()).isEqualTo(80);
    eventually("payee committed", () -> worthOrZero(node2, payee) == 200 + 180);
    // now the payer's wissel holds 20 and the payee's 180: 30 hundredths cannot go forward, 70 come back
    Transfer reverse = transfer(node1, payer, payee, 130);

    assertThat(reverse.getHundredthsToPayee()).isEqualTo(-70);
    eventually("payee committed", () -> worthOrZero(node2, payee) == 200 + 180 + 130);
    assertThat(wissel(node1, payer)).isEqualTo(90);
    assertThat(wissel(node2, payee)).isEqualTo(110);
    assertThat(worth(node1, payer)).isEqualTo(1000 - 180 - 130);
    assertThat(worth(node1, payer) + worth(node2, payee)).isEqualTo(before);
  }

  @Test
  void refusals_answer_with_a_clear_code_and_change_nothing() throws Exception {
    String payer = identity(node1, "poor");
    String payee = identity(node2, "only-fives");
    mint(node1, payer, "tens", 10, 3);
    mint(node2, payee, "fives", 5, 3);
    List<Token> payerBefore = held(node1, payer);
    List<Token> payeeBefore = held(node2, payee);

    assertThat(failure(node1, Addresses.TX_TRANSFER, request(payer, payee, 1_000_000)).code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
    assertThat(failure(node1, Addresses.TX_TRANSFER, request(payer, payee, 0)).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failure(node1, Addresses.TX_TRANSFER, request(payer, payee, -5)).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(failure(node1, Addresses.TX_TRANSFER, request(payer, "0".repeat(40), 100)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(node1, Addresses.TX_TRANSFER, request("f".repeat(40), payee, 100)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(node1, Addresses.TX_TRANSFER, request(payer, payee, 150)).code()).isEqualTo(ErrorCode.INSUFFICIENT_CHANGE);
    // 7 needs 3 back from a payee holding only fives: impossible change, refused by the payee's node
    List<TransferEvent> events = new CopyOnWriteArrayList<>();
    var consumer = node1.vertx().eventBus().<TransferEvent>consumer(Addresses.TX_EVENTS, m -> events.add(m.body()));
    consumer.completion().await(10, TimeUnit.SECONDS);
    try {
      JuiceException change = failure(node1, Addresses.TX_TRANSFER, request(payer, payee, 700));
      assertThat(change.code()).as(change.getMessage()).isEqualTo(ErrorCode.INSUFFICIENT_CHANGE);
      // the payer's final event names the payee's reason too (watchers and the CLI print it)
      eventually("the payer's final event", () -> events.stream().anyMatch(e -> e.getRole() == TxRole.PAYER && e.getFinal()));
      assertThat(events).filteredOn(e -> e.getRole() == TxRole.PAYER && e.getFinal())
        .singleElement().satisfies(e -> {
          assertThat(e.getState()).isEqualTo(TxState.ABORTED);
          assertThat(e.getErrorCode()).isEqualTo("INSUFFICIENT_CHANGE");
        });
    } finally {
      consumer.unregister();
    }

    assertThat(held(node1, payer)).isEqualTo(payerBefore);
    assertThat(held(node2, payee)).isEqualTo(payeeBefore);
  }

  @Test
  void a_transfer_between_two_identities_of_one_node_commits_and_can_be_started_from_another_node() throws Exception {
    String a = identity(node1, "left");
    String b = identity(node1, "right");
    mint(node1, a, "twenties", 20, 4);
    long before = worth(node1, a) + worth(node1, b);

    Transfer t = transfer(node2, a, b, 2000);

    assertThat(t.getState()).isEqualTo(TxState.COMMITTED);
    assertThat(t.getPayerNode()).isEqualTo("node1");
    eventually("payee committed", () -> worthOrZero(node1, b) == 2000);
    assertThat(worth(node1, a)).isEqualTo(6000);
    assertThat(worth(node1, a) + worth(node1, b)).isEqualTo(before);
    Transfer got = ask(node2, Addresses.TX_GET, GetTransferRequest.newBuilder().setTxId(t.getTxId()).build(), Transfer.class);
    assertThat(got.getState()).isEqualTo(TxState.COMMITTED);
    assertThat(got.getRole()).isEqualTo(TxRole.PAYER);
    // the same tx id again answers the same transfer, nothing moves twice
    Transfer again = ask(node1, Addresses.TX_TRANSFER, request(a, b, 2000).toBuilder().setTxId(t.getTxId()).build(), Transfer.class);
    assertThat(again.getTxId()).isEqualTo(t.getTxId());
    assertThat(worth(node1, a)).isEqualTo(6000);
  }

  @Test
  void a_stale_message_is_ignored_and_counted() throws Exception {
    String payer = identity(node1, "stale-payer");
    String payee = identity(node2, "stale-payee");
    TxMessage old = TxMessage.newBuilder().setTxId("stale-" + System.nanoTime()).setTimestampMs(System.currentTimeMillis() - 60_000)
      .setSenderNode("node1").setPropose(Propose.newBuilder().setPlan(TxPlan.newBuilder().setPayerId(payer).setPayeeId(payee))).build();
    double before = staleCount(node2);

    ask(node1, Addresses.node("node2", Addresses.TX_MESSAGE_SUFFIX), old, TxAck.class);

    eventually("counted as stale", () -> staleCount(node2) == before + 1);
    assertThat(failure(node2, Addresses.TX_GET, GetTransferRequest.newBuilder().setTxId(old.getTxId()).build()).code())
      .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void two_concurrent_transfers_of_the_same_tokens_commit_at_most_once() throws Exception {
    String payer = identity(node1, "double-spender");
    String payee = identity(node2, "merchant");
    mint(node1, payer, "tens", 10, 3);
    long before = worth(node1, payer) + worth(node2, payee);

    var first = Bus.request(node1.vertx().eventBus(), Addresses.TX_TRANSFER, request(payer, payee, 1000), TIMEOUT_MS, Transfer.class);
    var second = Bus.request(node1.vertx().eventBus(), Addresses.TX_TRANSFER, request(payer, payee, 1000), TIMEOUT_MS, Transfer.class);
    Future.join(first, second).otherwiseEmpty().await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);

    long committed = List.of(first, second).stream().filter(Future::succeeded).count();
    assertThat(committed).isEqualTo(1);
    Throwable refused = (first.failed() ? first : second).cause();
    assertThat(Errors.toJuice(refused).code()).isIn(ErrorCode.CONFLICT, ErrorCode.INSUFFICIENT_FUNDS);
    eventually("payee committed", () -> worthOrZero(node2, payee) == 1000);
    assertThat(worth(node1, payer)).isEqualTo(2000);
    assertThat(worth(node1, payer) + worth(node2, payee)).isEqualTo(before);
    assertThat(held(node1, payer)).noneMatch(x -> x.getState() == TokenState.LOCKED);
  }

  @Test
  void the_ledger_writes_the_wal_record_with_the_tokens_or_not_at_all() throws Exception {
    String owner = identity(node1, "ledger-owner");
    mint(node1, owner, "fives", 5, 3);
    Token first = held(node1, owner).get(0);
    StoreWrite record = StoreWrite.newBuilder().setFamily(StoreFamily.WAL.dbName()).setKey(ByteString.copyFromUtf8("tx/ledger-test/PAYER"))
      .setValue(ByteString.copyFromUtf8("r")).build();
    TokenApply refused = TokenApply.newBuilder().setOwnerId(owner).setTxId("ledger-test").addLockIds(first.getId())
      .addLockIds("47c609bc-none-5-001").addWrites(record).setSync(true).build();

    assertThat(failure(node1, Addresses.TOKEN_APPLY, refused).code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(walHas(node1, "tx/ledger-test/PAYER")).isFalse();
    assertThat(held(node1, owner)).noneMatch(t -> t.getState() == TokenState.LOCKED);

    ask(node1, Addresses.TOKEN_APPLY, refused.toBuilder().clearLockIds().addLockIds(first.getId()).build(), TokenApplyReply.class);
    assertThat(walHas(node1, "tx/ledger-test/PAYER")).isTrue();
    assertThat(held(node1, owner)).filteredOn(t -> t.getState() == TokenState.LOCKED).extracting(Token::getId).containsExactly(first.getId());
  }

  private static boolean walHas(JuiceNode node, String key) throws Exception {
    return ask(node, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.WAL.dbName()).setKey(ByteString.copyFromUtf8(key))
      .build(), StoreValue.class).getFound();
  }

  @Test
  void events_stats_metrics_and_health_describe_the_exchanges() throws Exception {
    String payer = identity(node1, "observed-payer");
    String payee = identity(node2, "observed-payee");
    mint(node1, payer, "fifties", 50, 3);
    List<TransferEvent> seen = new CopyOnWriteArrayList<>();
    var consumer = node2.vertx().eventBus().<TransferEvent>consumer(Addresses.TX_EVENTS, m -> seen.add(m.body()));
    consumer.completion().await(10, TimeUnit.SECONDS);
    try {
      Transfer t = transfer(node1, payer, payee, 5000);

      eventually("both sides' final events", () -> seen.stream().filter(e -> e.getTxId().equals(t.getTxId()) && e.getFinal()).count() == 2);
      assertThat(seen).filteredOn(e -> e.getTxId().equals(t.getTxId())).extracting(TransferEvent::getNodeId).contains("node1", "node2");
      assertThat(seen).filteredOn(e -> e.getTxId().equals(t.getTxId()) && e.getRole() == TxRole.PAYER).extracting(TransferEvent::getState)
        .containsSubsequence(TxState.INITIATED, TxState.PREPARED, TxState.COMMITTED);
    } finally {
      consumer.unregister();
    }
    TransactionStats stats = ask(node1, Addresses.TX_STATS, TransactionStatsRequest.getDefaultInstance(), TransactionStats.class);
    assertThat(stats.getCommittedTotal()).isPositive();
    assertThat(stats.getRecentList()).isNotEmpty();
    assertThat(stats.getP50Ms()).isPositive();
    assertThat(node1.context().registry().find("juice.tx.outcomes").tags("role", "PAYER", "state", "COMMITTED", "code", "OK").counter().count())
      .isPositive();
    assertThat(node1.context().registry().find("juice.tx.messages").tags("direction", "out", "type", "propose", "outcome", "sent").counter())
      .isNotNull();
    CheckResult health = node1.context().health().checkStatus(TransactionVerticle.HEALTH_ID).await(10, TimeUnit.SECONDS);
    assertThat(health.getStatus().isOk()).isTrue();
    assertThat(health.getData().getLong("inDoubt")).isZero();
    assertThat(health.getData().containsKey("active")).isTrue();
    assertThat(health.getData().containsKey("oldestInDoubtMs")).isTrue();
  }

  private static double staleCount(JuiceNode node) {
    var counter = node.context().registry().find("juice.tx.messages").tags("direction", "in", "type", "propose", "outcome", "stale").counter();
    return counter == null ? 0 : counter.count();
  }

  private static long worthOrZero(JuiceNode node, String id) {
    try {
      return worth(node, id);
    } catch (Exception e) {
      return -1;
    }
  }

  private static int wissel(JuiceNode node, String id) throws Exception {
    return held(node, id).stream().filter(Token::getWissel).findFirst().orElseThrow().getWisselHundredths();
  }
}
