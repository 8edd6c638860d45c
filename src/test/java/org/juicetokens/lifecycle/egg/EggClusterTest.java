package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.EggBatchReply;
import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.api.v1.GenesisPoolView;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.creation.TokenIds;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.lifecycle.egg.EggTestSupport.ask;
import static org.juicetokens.lifecycle.egg.EggTestSupport.awaitStage;
import static org.juicetokens.lifecycle.egg.EggTestSupport.identity;
import static org.juicetokens.lifecycle.egg.EggTestSupport.pool;

/**
 * The egg lifecycle on two nodes with lifecycle.timeScale 1e5 (a 84 h maturation takes 3 s, the
 * dormancy shortened to 360 h takes 13 s): the pool's members and the owner on different nodes,
 * fertilization by a real transfer of the owner, the hatched token spent in another transfer, an
 * unfertilized egg expiring, and the cluster audit still balancing.
 */
class EggClusterTest {
  static final Map<String, String> SETTINGS = Map.of("time.peerPollIntervalMs", "300", "tx.deadlineMs", "8000", "tx.retryMs", "300",
    "tx.maxRetryMs", "1000", "lifecycle.timeScale", "1e5", "egg.dormancyHours", "360");

  @TempDir
  static Path tmp;
  static List<JuiceNode> nodes;
  static JuiceNode a;
  static JuiceNode b;

  @BeforeAll
  static void cluster() throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("ea", "eb"), SETTINGS);
    a = nodes.get(0);
    b = nodes.get(1);
  }

  @AfterAll
  static void close() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void an_egg_fertilized_by_a_real_transfer_hatches_into_a_spendable_token_and_an_unfertilized_one_expires() throws Exception {
    InJvmClusters.awaitAdequateTime(nodes);
    String m1 = identity(a, "Issuer");
    String m2 = identity(a, "Member2");
    String m3 = identity(b, "Member3");
    String owner = identity(b, "Owner");
    String payee = identity(a, "Payee");
    ask(b, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(owner).setOwnerId(owner).setReference("own").setDenomination(10)
      .setCount(3).build(), MintReply.class);

    GenesisPoolView pool = pool(b, List.of(m1, m2, m3));
    assertThat(pool.getIssuerId()).isEqualTo(m1);
    long before = System.currentTimeMillis();
    EggBatchReply batch = ask(a, Addresses.EGG_GENERATE, GenerateEggsRequest.newBuilder().setPoolId(pool.getPoolId())
      .setReference("nest").setDenomination(50).setCount(5).setOwnerId(owner).build(), EggBatchReply.class);
    assertThat(batch.getEggsList()).hasSize(5).allSatisfy(e -> {
      assertThat(e.getStage()).isEqualTo(EggStage.DORMANT);
      assertThat(e.getDormantUntilMs()).isGreaterThan(before);
      assertThat(e.getBatchId()).isEqualTo(batch.getBatchId());
      assertThat(e.getDormancySeal()).hasSize(64);
    });
    assertThat(EggTestSupport.eggStore(b)).filteredOn(k -> k.startsWith("egg/")).hasSize(5);
    // the proof must be new activity: a transfer decided after the generation
    Transfer first = ask(b, Addresses.TX_TRANSFER, transfer(owner, payee, 1000), Transfer.class);
    assertThat(first.getState()).isEqualTo(TxState.COMMITTED);
    EggView hatching = batch.getEggs(0);
    EggView idle = batch.getEggs(1);

    EggView fertilized = ask(a, Addresses.EGG_FERTILIZE, FertilizeEggRequest.newBuilder().setId(hatching.getId())
      .setTransactionId(first.getTxId()).build(), EggView.class);
    assertThat(fertilized.getStage()).isEqualTo(EggStage.FERTILIZED);
    assertThat(fertilized.getProof()).isEqualTo("tx:" + first.getTxId());
    EggView active = awaitStage(a, hatching.getId(), EggStage.ACTIVE);
    assertThat(active.getCompletionPercent()).isEqualTo(100);

    TokenReply token = ask(a, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(active.getTokenId()).build(), TokenReply.class);
    assertThat(token.getVerified()).as(token.getVerificationFailure()).isTrue();
    assertThat(token.getToken().getOwnerId()).isEqualTo(owner);
    assertThat(token.getToken().getDenomination()).isEqualTo(50);
    assertThat(EggTestSupport.failure(a, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(m1).setOwnerId(owner)
      .setReference("nest").setDenomination(50).setCount(1).setAtIndex(TokenIds.parse(active.getTokenId()).index()).build()).code())
      .as("a repeated hatch mints nothing").isEqualTo(ErrorCode.ALREADY_EXISTS);

    Transfer spend = ask(b, Addresses.TX_TRANSFER, transfer(owner, payee, 5000), Transfer.class);
    assertThat(spend.getState()).isEqualTo(TxState.COMMITTED);
    assertThat(spend.getSentTokenIdsList()).containsExactly(active.getTokenId());
    EggTestSupport.eventually("hatched token now the payee's", () -> {
      try {
        return ask(a, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(active.getTokenId()).build(), TokenReply.class)
          .getToken().getOwnerId().equals(payee);
      } catch (Exception e) {
        return false;
      }
    });

    EggView expired = awaitStage(b, idle.getId(), EggStage.EXPIRED);
    assertThat(expired.getNextDeadlineMs()).isZero();
    assertThat(EggTestSupport.failure(a, Addresses.EGG_FERTILIZE, FertilizeEggRequest.newBuilder().setId(idle.getId())
      .setTransactionId(spend.getTxId()).build()).code()).isEqualTo(ErrorCode.CONFLICT);

    AuditReport audit = EggTestSupport.balancedAudit(a);
    assertThat(audit.getMintedHundredths()).isEqualTo(3 * 1000 + 5000);
    assertThat(audit.getDuplicateOwners()).isZero();

    // the owner's home node keeps the eggs: its gauges and admin section; the entry node counted the generation
    var registry = b.context().registry();
    assertThat(registry.get("juice.egg.stage.eggs").tag("stage", "ACTIVE").gauge().value()).isEqualTo(1);
    assertThat(registry.get("juice.egg.stage.eggs").tag("stage", "EXPIRED").gauge().value()).as("the other four of the batch, same dormancy").isEqualTo(4);
    assertThat(registry.get("juice.egg.activations").counter().count()).isEqualTo(1);
    assertThat(a.context().registry().get("juice.egg.generations").tag("outcome", "ok").counter().count()).isEqualTo(1);
    var section = new EggAdminSection().gather(b.vertx().eventBus(), 10_000, b.context().instrumented().stats())
      .await(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(section.getJsonObject("byStage").getMap()).containsEntry("ACTIVE", 1L).containsEntry("EXPIRED", 4L)
      .containsEntry("DORMANT", 0L).containsEntry("INCUBATING", 0L);
    assertThat(section.getLong("activations")).isEqualTo(1);
  }

  static TransferRequest transfer(String from, String to, long hundredths) {
    return TransferRequest.newBuilder().setFromId(from).setToId(to).setAmountHundredths(hundredths).build();
  }
}
