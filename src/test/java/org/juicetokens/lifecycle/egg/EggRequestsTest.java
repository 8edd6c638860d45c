package org.juicetokens.lifecycle.egg;

import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.token.creation.Denominations;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EggRequestsTest {
  static final EggRequests R = new EggRequests(3, 12, 100, Denominations.standard(), 32);
  static final String OWNER = "a".repeat(40);

  static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("%040x", i + 1)).toList();
  }

  @Test
  void pools_have_3_to_12_distinct_well_formed_members() {
    assertThat(R.members(CreateGenesisPoolRequest.newBuilder().addAllMemberIds(ids(3)).build())).isEqualTo(ids(3));
    assertThat(R.members(CreateGenesisPoolRequest.newBuilder().addAllMemberIds(ids(12)).build())).hasSize(12);
    assertThatThrownBy(() -> R.members(CreateGenesisPoolRequest.newBuilder().addAllMemberIds(ids(2)).build())).hasMessageContaining("got 2");
    assertThatThrownBy(() -> R.members(CreateGenesisPoolRequest.newBuilder().addAllMemberIds(ids(13)).build())).hasMessageContaining("got 13");
    assertThatThrownBy(() -> R.members(CreateGenesisPoolRequest.newBuilder().addAllMemberIds(ids(2)).addMemberIds(ids(1).get(0)).build()))
      .hasMessageContaining("duplicate member");
    assertThatThrownBy(() -> R.members(CreateGenesisPoolRequest.newBuilder().addAllMemberIds(ids(2)).addMemberIds("XYZ").build()))
      .hasMessageContaining("memberIds");
  }

  @Test
  void generations_need_a_pool_an_owner_a_reference_a_denomination_and_a_count_in_range() {
    GenerateEggsRequest good = GenerateEggsRequest.newBuilder().setPoolId("p").setReference("nest").setDenomination(50).setCount(5)
      .setOwnerId(OWNER).build();
    assertThat(R.generation(good)).isEqualTo(good);
    assertThatThrownBy(() -> R.generation(good.toBuilder().setPoolId(" ").build())).hasMessageContaining("poolId");
    assertThatThrownBy(() -> R.generation(good.toBuilder().setOwnerId("x").build())).hasMessageContaining("ownerId");
    assertThatThrownBy(() -> R.generation(good.toBuilder().setReference("a b").build())).hasMessageContaining("reference");
    assertThatThrownBy(() -> R.generation(good.toBuilder().setDenomination(7).build())).hasMessageContaining("bad denomination 7");
    assertThatThrownBy(() -> R.generation(good.toBuilder().setCount(0).build())).hasMessageContaining("count must be 1 to 100");
    assertThatThrownBy(() -> R.generation(good.toBuilder().setCount(101).build())).hasMessageContaining("got 101");
  }

  @Test
  void an_egg_id_names_its_owner() {
    String id = EggIds.egg(OWNER);
    assertThat(EggIds.ownerOf(id)).isEqualTo(OWNER);
    assertThat(EggIds.egg(OWNER)).isNotEqualTo(id);
    assertThatThrownBy(() -> EggIds.ownerOf("nope")).hasMessageContaining("not an egg id");
    assertThatThrownBy(() -> EggIds.ownerOf(OWNER + "-XYZ0000000000000")).hasMessageContaining("not an egg id");
    assertThatThrownBy(() -> EggIds.ownerOf(null)).hasMessageContaining("not an egg id");
  }
}
