package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.EggBatchReply;
import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.api.v1.GenesisPoolView;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
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
import static org.juicetokens.lifecycle.egg.EggTestSupport.egg;
import static org.juicetokens.lifecycle.egg.EggTestSupport.identity;
import static org.juicetokens.lifecycle.egg.EggTestSupport.pool;

/**
 * The proof-of-activity rules on two nodes, with real transfers: a proof fertilizes one egg (a
 * second egg is CONFLICT, the same egg again a harmless retry), a transfer decided before the eggs
 * were generated predates them, and a transfer the owner took no part in proves nothing. The owner
 * is homed on eb, every request enters at ea. lifecycle.timeScale 1e3 shortens every duration yet
 * keeps the eggs in their stage for the whole test (maturation 5 min, dormancy 43 min).
 */
class EggProofRulesTest {
  static final Map<String, String> SETTINGS = Map.of("time.peerPollIntervalMs", "300", "tx.deadlineMs", "8000", "tx.retryMs", "300",
    "tx.maxRetryMs", "1000", "lifecycle.timeScale", "1e3", "egg.proofToleranceMs", "300");

  @TempDir
  static Path tmp;
  static List<JuiceNode> nodes;
  static JuiceNode a;
  static JuiceNode b;

  @BeforeAll
  static void cluster() throws Exception {
    nodes = InJvmClusters.startCluster(tmp, List.of("ra", "rb"), SETTINGS);
    a = nodes.get(0);
    b = nodes.get(1);
  }

  @AfterAll
  static void close() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void a_proof_fertilizes_one_egg_once_and_must_be_new_activity_of_the_owner() throws Exception {
    InJvmClusters.awaitAdequateTime(nodes);
    String m1 = identity(a, "Issuer");
    String m2 = identity(a, "Member2");
    String m3 = identity(b, "Member3");
    String owner = identity(b, "Owner");
    String payee = identity(a, "Payee");
    String stranger = identity(a, "Stranger");
    mint(b, owner, "own", 5);
    mint(a, stranger, "strange", 4);
    Transfer early = transfer(b, owner, payee);
    Thread.sleep(1_500); // the early transfer's decision lies well beyond egg.proofToleranceMs before the generation

    GenesisPoolView pool = pool(a, List.of(m1, m2, m3));
    EggBatchReply batch = ask(a, Addresses.EGG_GENERATE, GenerateEggsRequest.newBuilder().setPoolId(pool.getPoolId())
      .setReference("rules").setDenomination(10).setCount(2).setOwnerId(owner).build(), EggBatchReply.class);
    String first = batch.getEggs(0).getId();
    String second = batch.getEggs(1).getId();
    EggView secondBefore = egg(a, second);
    Transfer fresh = transfer(b, owner, payee);
    Transfer notTheOwners = transfer(a, stranger, payee);

    EggView fertilized = fertilize(first, fresh.getTxId());
    assertThat(fertilized.getStage()).isEqualTo(EggStage.FERTILIZED);
    assertThat(fertilized.getProof()).isEqualTo("tx:" + fresh.getTxId());
    List<String> storeAfterFirst = EggTestSupport.eggStore(b);
    assertThat(storeAfterFirst).contains("proof/" + owner + "/tx/" + fresh.getTxId());

    JuiceException reused = refusal(second, fresh.getTxId());
    assertThat(reused.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(reused.getMessage()).contains(first);
    assertThat(egg(a, second)).as("the second egg unchanged").isEqualTo(secondBefore);

    EggView retried = fertilize(first, fresh.getTxId());
    assertThat(retried.getStage()).isEqualTo(EggStage.FERTILIZED);
    assertThat(retried.getProof()).isEqualTo(fertilized.getProof());
    assertThat(retried.getNextDeadlineMs()).as("a retry changes nothing").isEqualTo(fertilized.getNextDeadlineMs());

    JuiceException old = refusal(second, early.getTxId());
    assertThat(old.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(old.getMessage()).contains("proof predates the egg");

    JuiceException foreign = refusal(second, notTheOwners.getTxId());
    assertThat(foreign.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(foreign.getMessage()).contains("does not involve");

    assertThat(egg(a, second)).isEqualTo(secondBefore);
    assertThat(EggTestSupport.eggStore(b)).as("nothing written by the refusals or the retry").isEqualTo(storeAfterFirst);
  }

  private static void mint(JuiceNode via, String owner, String reference, int count) throws Exception {
    ask(via, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(owner).setOwnerId(owner).setReference(reference).setDenomination(10)
      .setCount(count).build(), MintReply.class);
  }

  /** A transfer of 10 asked of the payer's home node. */
  private static Transfer transfer(JuiceNode payersHome, String from, String to) throws Exception {
    Transfer t = ask(payersHome, Addresses.TX_TRANSFER, EggClusterTest.transfer(from, to, 1000), Transfer.class);
    assertThat(t.getState()).as(t.getErrorMessage()).isEqualTo(TxState.COMMITTED);
    return t;
  }

  private static EggView fertilize(String eggId, String txId) throws Exception {
    return ask(a, Addresses.EGG_FERTILIZE, FertilizeEggRequest.newBuilder().setId(eggId).setTransactionId(txId).build(), EggView.class);
  }

  private static JuiceException refusal(String eggId, String txId) {
    return EggTestSupport.failure(a, Addresses.EGG_FERTILIZE, FertilizeEggRequest.newBuilder().setId(eggId).setTransactionId(txId).build());
  }
}
