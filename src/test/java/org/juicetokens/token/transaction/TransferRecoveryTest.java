package org.juicetokens.token.transaction;

import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.token.transaction.proto.TxTransition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.transaction.TxTestSupport.*;

/**
 * A payee node closed while prepared (the payer's drill delay, tx.drill.commitDelayMs, holds the
 * exchange between prepare and commit), then restarted on its data dir: it resumes its open record
 * and ends as the payer decided (a payer restarted meanwhile answers from its log). Value is conserved either way.
 */
class TransferRecoveryTest {
  private final List<JuiceNode> running = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    InJvmClusters.closeAll(running);
  }

  @Test
  void a_payee_closed_while_prepared_and_restarted_in_doubt_past_the_deadline_ends_committed(@TempDir Path tmp) throws Exception {
    // the payer holds the Preparation 3 s, well inside its 8 s deadline: it commits while the payee is away
    Cluster c = cluster(tmp, Map.of("tx.drill.commitDelayMs", "3000"));
    String payer = identity(c.node1, "payer");
    String payee = identity(c.node2, "payee");
    mint(c.node1, payer, "tens", 10, 4);
    long before = worth(c.node1, payer) + worth(c.node2, payee);
    String txId = "recover-commit-" + UUID.randomUUID();

    var answer = Bus.request(c.node1.vertx().eventBus(), Addresses.TX_TRANSFER, request(payer, payee, 1000).toBuilder().setTxId(txId).build(),
      TIMEOUT_MS, Transfer.class);
    // the payer holds the payee's Preparation (drill): from here on it commits without the payee
    eventually("the payer holds the Preparation", () -> preparationsHeld(c.node1) > 0);
    c.node2.close().await(30, TimeUnit.SECONDS);
    running.remove(c.node2);

    Transfer committed = answer.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertThat(committed.getState()).isEqualTo(TxState.COMMITTED);
    assertThat(worth(c.node1, payer)).isEqualTo(3000);

    // back only after the deadline: the restarted payee is IN_DOUBT, asks, and commits on the payer's answer
    while (System.currentTimeMillis() <= committed.getDeadlineMs() + 500) {
      Thread.sleep(100);
    }
    JuiceNode node2 = restart(c.node2Settings);
    awaitPayeeState(node2, txId, TxState.COMMITTED);
    Transfer payeeSide = ask(node2, Addresses.node("node2", Addresses.TX_GET_SUFFIX), GetTransferRequest.newBuilder().setTxId(txId).build(),
      Transfer.class);
    assertThat(payeeSide.getTimelineList()).extracting(TxTransition::getState).contains(TxState.IN_DOUBT);
    assertThat(worth(node2, payee)).isEqualTo(1000);
    assertThat(worth(c.node1, payer) + worth(node2, payee)).isEqualTo(before);
    assertThat(held(node2, payee)).noneMatch(t -> t.getState() == TokenState.LOCKED);
  }

  @Test
  void a_payer_whose_payee_node_closed_mid_way_aborts_by_the_deadline_and_the_restarted_payee_rolls_back(@TempDir Path tmp)
    throws Exception {
    // the payer holds the Preparation longer than its deadline: it must abort with TIMEOUT
    Cluster c = cluster(tmp, Map.of("tx.drill.commitDelayMs", "20000", "tx.deadlineMs", "4000"));
    String payer = identity(c.node1, "payer");
    String payee = identity(c.node2, "payee");
    mint(c.node1, payer, "tens", 10, 3);
    mint(c.node2, payee, "ones", 1, 3);
    mint(c.node2, payee, "twos", 2, 2);
    long payerBefore = worth(c.node1, payer);
    long payeeBefore = worth(c.node2, payee);
    String txId = "recover-abort-" + UUID.randomUUID();

    // 7 with tens: 3 comes back as change, so the payee locks tokens of its own
    var answer = Bus.request(c.node1.vertx().eventBus(), Addresses.TX_TRANSFER, request(payer, payee, 700).toBuilder().setTxId(txId).build(),
      TIMEOUT_MS, Transfer.class);
    awaitPayeeState(c.node2, txId, TxState.PREPARED);
    c.node2.close().await(30, TimeUnit.SECONDS);
    running.remove(c.node2);

    answer.otherwiseEmpty().await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertThat(answer.failed()).isTrue();
    assertThat(Errors.toJuice(answer.cause()).code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(worth(c.node1, payer)).isEqualTo(payerBefore);
    assertThat(held(c.node1, payer)).noneMatch(t -> t.getState() == TokenState.LOCKED);

    // the payer restarts too while the payee is away: its side is closed (ABORTED), so only its log knows the tx;
    // the payee, back IN_DOUBT, asks and is answered with the recorded abort certificate
    c.node1.close().await(30, TimeUnit.SECONDS);
    running.remove(c.node1);
    JuiceNode node1 = restart(c.node1Settings);
    JuiceNode node2 = restart(c.node2Settings);
    awaitPayeeState(node2, txId, TxState.ABORTED);
    assertThat(worth(node2, payee)).isEqualTo(payeeBefore);
    assertThat(held(node2, payee)).noneMatch(t -> t.getState() == TokenState.LOCKED);
    assertThat(worth(node1, payer)).isEqualTo(payerBefore);
    assertThat(worth(node1, payer) + worth(node2, payee)).isEqualTo(payerBefore + payeeBefore);
  }

  private record Cluster(JuiceNode node1, JuiceNode node2, Map<String, String> node1Settings, Map<String, String> node2Settings) {
  }

  /** node1 (the payer's, with {@code payerExtra}) and node2 (the payee's), node2's settings kept for its restart. */
  private Cluster cluster(Path tmp, Map<String, String> payerExtra) throws Exception {
    String name = "test-" + UUID.randomUUID();
    int p1 = FreePorts.next();
    int p2 = FreePorts.next();
    String members = "127.0.0.1:" + p1 + ",127.0.0.1:" + p2;
    Map<String, String> extra1 = new HashMap<>(FAST);
    extra1.putAll(payerExtra);
    Map<String, String> extra2 = new HashMap<>(FAST);
    extra2.put("tx.deadlineMs", extra1.get("tx.deadlineMs"));
    Map<String, String> settings1 = InJvmClusters.settings(tmp, "node1", name, p1, "", extra1);
    JuiceNode node1 = InJvmClusters.start(settings1);
    running.add(node1);
    Map<String, String> settings2 = InJvmClusters.settings(tmp, "node2", name, p2, members, extra2);
    JuiceNode node2 = InJvmClusters.start(settings2);
    running.add(node2);
    eventually("2 members", () -> node1.context().hazelcast().getCluster().getMembers().size() == 2);
    awaitConsensus(List.of(node1, node2));
    return new Cluster(node1, node2, settings1, settings2);
  }

  private JuiceNode restart(Map<String, String> settings) throws Exception {
    JuiceNode node = InJvmClusters.start(settings);
    running.add(node);
    return node;
  }

  private static double preparationsHeld(JuiceNode payerNode) {
    var counter = payerNode.context().registry().find("juice.tx.messages").tags("direction", "in", "type", "preparation", "outcome", "held")
      .counter();
    return counter == null ? 0 : counter.count();
  }

  private static void awaitPayeeState(JuiceNode payeeNode, String txId, TxState state) throws InterruptedException {
    eventually("payee side of " + txId + " " + state, () -> {
      try {
        return Bus.request(payeeNode.vertx().eventBus(), Addresses.node(payeeNode.context().nodeId(), Addresses.TX_GET_SUFFIX),
            GetTransferRequest.newBuilder().setTxId(txId).build(), 5_000, Transfer.class)
          .await(10, TimeUnit.SECONDS).getState() == state;
      } catch (Exception e) {
        return false;
      }
    });
  }
}
