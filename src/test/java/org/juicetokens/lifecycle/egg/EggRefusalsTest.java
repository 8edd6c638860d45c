package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.EggBatchReply;
import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.api.v1.GenesisPoolView;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
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
import static org.juicetokens.lifecycle.egg.EggTestSupport.eggStore;
import static org.juicetokens.lifecycle.egg.EggTestSupport.failure;
import static org.juicetokens.lifecycle.egg.EggTestSupport.identity;
import static org.juicetokens.lifecycle.egg.EggTestSupport.pool;

/** Every refusal of the egg layer, each with its code and nothing written (one node, the default time scale: nothing matures). */
class EggRefusalsTest {
  @TempDir
  static Path tmp;
  static JuiceNode node;
  static String m1;
  static String m2;
  static String m3;
  static String owner;

  @BeforeAll
  static void start() throws Exception {
    node = InJvmClusters.startCluster(tmp, List.of("refusals"), Map.of()).get(0);
    m1 = identity(node, "M1");
    m2 = identity(node, "M2");
    m3 = identity(node, "M3");
    owner = identity(node, "Owner");
  }

  @AfterAll
  static void close() throws Exception {
    InJvmClusters.closeAll(List.of(node));
  }

  @Test
  void pools_of_the_wrong_size_with_duplicates_or_unknown_members_are_refused() throws Exception {
    List<String> storeBefore = eggStore(node);
    long poolsBefore = node.context().hazelcast().getMap(DhtMaps.GENESIS_POOLS).size();
    String unknown = "ab".repeat(20);
    assertThat(poolFailure(List.of(m1, m2))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(poolFailure(java.util.Collections.nCopies(13, m1))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(poolFailure(List.of(m1, m2, m1))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(poolFailure(List.of(m1, m2, unknown))).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(poolFailure(List.of(m1, m2, "not-an-id"))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(eggStore(node)).isEqualTo(storeBefore);
    assertThat(node.context().hazelcast().getMap(DhtMaps.GENESIS_POOLS).size()).isEqualTo(poolsBefore);
  }

  @Test
  void generations_with_an_unknown_owner_or_pool_a_bad_denomination_or_count_are_refused() throws Exception {
    GenesisPoolView pool = pool(node, List.of(m1, m2, m3));
    List<String> storeBefore = eggStore(node);
    GenerateEggsRequest good = GenerateEggsRequest.newBuilder().setPoolId(pool.getPoolId()).setReference("refused").setDenomination(10)
      .setCount(2).setOwnerId(owner).build();
    assertThat(generateFailure(good.toBuilder().setOwnerId("cd".repeat(20)).build())).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(generateFailure(good.toBuilder().setPoolId("ef".repeat(16)).build())).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(generateFailure(good.toBuilder().setDenomination(3).build())).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(generateFailure(good.toBuilder().setCount(0).build())).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(generateFailure(good.toBuilder().setCount(101).build())).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(generateFailure(good.toBuilder().setReference("bad-ref").build())).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(eggStore(node)).isEqualTo(storeBefore);
  }

  @Test
  void proofs_that_do_not_exist_or_do_not_involve_the_owner_and_a_second_fertilization_are_refused() throws Exception {
    GenesisPoolView pool = pool(node, List.of(m1, m2, m3));
    EggBatchReply batch = ask(node, Addresses.EGG_GENERATE, GenerateEggsRequest.newBuilder().setPoolId(pool.getPoolId())
      .setReference("proofs").setDenomination(20).setCount(1).setOwnerId(owner).build(), EggBatchReply.class);
    String id = batch.getEggs(0).getId();
    String aboutOther = ask(node, Addresses.ATTESTATION_CREATE, CreateAttestationRequest.newBuilder().setAttesterId(m1).setSubjectId(m2)
      .setType("reliable").setStrength(80).build(), AttestationView.class).getAttestation().getId();
    String aboutOwner = ask(node, Addresses.ATTESTATION_CREATE, CreateAttestationRequest.newBuilder().setAttesterId(m1).setSubjectId(owner)
      .setType("reliable").setStrength(80).build(), AttestationView.class).getAttestation().getId();
    List<String> storeBefore = eggStore(node);
    EggView before = egg(node, id);

    assertThat(fertilizeFailure(FertilizeEggRequest.newBuilder().setId(id).build())).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(fertilizeFailure(FertilizeEggRequest.newBuilder().setId(id).setTransactionId("t").setAttestationId("a").build()))
      .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(fertilizeFailure(FertilizeEggRequest.newBuilder().setId(id).setTransactionId("no-such-tx").build())).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(fertilizeFailure(FertilizeEggRequest.newBuilder().setId(id).setAttestationId("00".repeat(16)).build())).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(fertilizeFailure(FertilizeEggRequest.newBuilder().setId(id).setAttestationId(aboutOther).build()))
      .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(fertilizeFailure(FertilizeEggRequest.newBuilder().setId(owner + "-0000000000000000").setAttestationId(aboutOwner).build()))
      .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(egg(node, id)).isEqualTo(before);
    assertThat(eggStore(node)).isEqualTo(storeBefore);

    EggView fertilized = ask(node, Addresses.EGG_FERTILIZE, FertilizeEggRequest.newBuilder().setId(id).setAttestationId(aboutOwner).build(),
      EggView.class);
    assertThat(fertilized.getStage()).isEqualTo(EggStage.FERTILIZED);
    assertThat(fertilizeFailure(FertilizeEggRequest.newBuilder().setId(id).setTransactionId("no-such-tx").build()))
      .as("already fertilized, before any proof is looked up").isEqualTo(ErrorCode.CONFLICT);
    EggView retried = ask(node, Addresses.EGG_FERTILIZE, FertilizeEggRequest.newBuilder().setId(id).setAttestationId(aboutOwner).build(),
      EggView.class);
    assertThat(retried.getStage()).as("the same proof on the same egg: a retry, answered with the egg").isEqualTo(EggStage.FERTILIZED);
    assertThat(retried.getNextDeadlineMs()).as("unchanged").isEqualTo(fertilized.getNextDeadlineMs());
    assertThat(egg(node, id).getProof()).isEqualTo("attestation:" + aboutOwner);
    assertThat(eggStore(node)).contains("proof/" + owner + "/attestation/" + aboutOwner);
  }

  private static ErrorCode poolFailure(List<String> members) {
    return failure(node, Addresses.EGG_POOL_CREATE, CreateGenesisPoolRequest.newBuilder().addAllMemberIds(members).build()).code();
  }

  private static ErrorCode generateFailure(GenerateEggsRequest request) {
    return failure(node, Addresses.EGG_GENERATE, request).code();
  }

  private static ErrorCode fertilizeFailure(FertilizeEggRequest request) {
    return failure(node, Addresses.EGG_FERTILIZE, request).code();
  }
}
