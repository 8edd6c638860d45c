package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.EggBatchReply;
import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.api.v1.GenesisPoolView;
import org.juicetokens.common.Addresses;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.proto.TokenHeldReply;
import org.juicetokens.token.proto.TokenHeldRequest;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.lifecycle.egg.EggTestSupport.ask;
import static org.juicetokens.lifecycle.egg.EggTestSupport.awaitStage;
import static org.juicetokens.lifecycle.egg.EggTestSupport.egg;
import static org.juicetokens.lifecycle.egg.EggTestSupport.identity;
import static org.juicetokens.lifecycle.egg.EggTestSupport.pool;

/**
 * Stage deadlines are stored: a node stopped while an egg matures resumes it from its data
 * directory (same node id, a fresh cluster: an empty DHT) and the egg hatches exactly once.
 * lifecycle.timeScale 20160: the 84 h maturation takes 15 s.
 */
class EggRestartTest {
  static final Map<String, String> SETTINGS = Map.of("lifecycle.timeScale", "20160");

  @Test
  void a_restart_in_the_middle_of_maturation_resumes_it_and_the_egg_hatches_exactly_once(@TempDir Path tmp) throws Exception {
    JuiceNode node = InJvmClusters.startCluster(tmp, List.of("nest"), SETTINGS).get(0);
    String owner;
    String eggId;
    String otherId;
    try {
      String m1 = identity(node, "M1");
      String m2 = identity(node, "M2");
      String m3 = identity(node, "M3");
      owner = identity(node, "Owner");
      GenesisPoolView pool = pool(node, List.of(m1, m2, m3));
      EggBatchReply batch = ask(node, Addresses.EGG_GENERATE, GenerateEggsRequest.newBuilder().setPoolId(pool.getPoolId())
        .setReference("resume").setDenomination(20).setCount(2).setOwnerId(owner).build(), EggBatchReply.class);
      eggId = batch.getEggs(1).getId();
      otherId = batch.getEggs(0).getId();
      String attestation = ask(node, Addresses.ATTESTATION_CREATE, CreateAttestationRequest.newBuilder().setAttesterId(m2)
        .setSubjectId(owner).setType("identity").setStrength(70).build(), AttestationView.class).getAttestation().getId();
      EggView fertilized = ask(node, Addresses.EGG_FERTILIZE, FertilizeEggRequest.newBuilder().setId(eggId).setAttestationId(attestation)
        .build(), EggView.class);
      assertThat(fertilized.getStage()).isEqualTo(EggStage.FERTILIZED);
      assertThat(fertilized.getNextDeadlineMs()).isGreaterThan(System.currentTimeMillis());
      assertThat(egg(node, eggId).getStage()).as("stopped in the middle of maturation").isIn(EggStage.FERTILIZED, EggStage.INCUBATING);
      assertThat(held(node, owner)).isEmpty();
    } finally {
      InJvmClusters.closeAll(List.of(node));
    }

    node = InJvmClusters.startCluster(tmp, List.of("nest"), SETTINGS).get(0);
    JuiceNode restarted = node;
    try {
      EggView active = awaitStage(node, eggId, EggStage.ACTIVE);
      assertThat(active.getCompletionPercent()).isEqualTo(100);
      assertThat(egg(node, otherId).getStage()).as("the unfertilized egg still waits").isEqualTo(EggStage.DORMANT);
      EggTestSupport.eventually("the hatched token held", () -> {
        try {
          return held(restarted, owner).size() == 1;
        } catch (Exception e) {
          return false;
        }
      });
      assertThat(held(node, owner)).containsExactly(active.getTokenId());
      Balance balance = ask(node, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(owner).build(), Balance.class);
      assertThat(balance.getAmountHundredths()).isEqualTo(2000);
      assertThat(EggTestSupport.balancedAudit(node).getMintedHundredths()).isEqualTo(2000);
    } finally {
      InJvmClusters.closeAll(List.of(node));
    }
  }

  private static List<String> held(JuiceNode node, String owner) throws Exception {
    return ask(node, Addresses.TOKEN_HELD, TokenHeldRequest.newBuilder().setOwnerId(owner).build(), TokenHeldReply.class)
      .getTokensList().stream().map(t -> t.getId()).toList();
  }
}
