package org.juicetokens.token.creation;

import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.IssuanceClaim;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReservedIndexTest {
  static final IssuanceClaim CLAIM = IssuanceClaim.newBuilder().setIssuanceId("loc-nest").setIssuerId("i").setMinted(5).build();

  @Test
  void a_reserved_index_of_the_claimant_is_minted_alone() {
    assertThat(ReservedIndex.at(CLAIM, "loc-nest", "i", 5)).isEqualTo(new IssuanceClaims.Range(5, 1, false));
    assertThatThrownBy(() -> ReservedIndex.at(CLAIM, "loc-nest", "i", 6)).hasMessageContaining("never reserved");
    assertThatThrownBy(() -> ReservedIndex.at(CLAIM, "loc-nest", "x", 1)).isInstanceOfSatisfying(JuiceException.class,
      e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    assertThatThrownBy(() -> ReservedIndex.at(null, "loc-nest", "i", 1)).isInstanceOfSatisfying(JuiceException.class,
      e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void the_modes_exclude_each_other_and_an_index_mints_one_token() {
    MintRequest base = MintRequest.newBuilder().setCount(1).build();
    ReservedIndex.checkMode(base);
    ReservedIndex.checkMode(base.toBuilder().setAtIndex(3).build());
    ReservedIndex.checkMode(base.toBuilder().setReserveOnly(true).setCount(5).build());
    assertThatThrownBy(() -> ReservedIndex.checkMode(base.toBuilder().setAtIndex(3).setReserveOnly(true).build())).hasMessageContaining("exclude");
    assertThatThrownBy(() -> ReservedIndex.checkMode(base.toBuilder().setAtIndex(3).setCount(2).build())).hasMessageContaining("count must be 1");
    assertThatThrownBy(() -> ReservedIndex.checkMode(base.toBuilder().setAtIndex(-1).build())).hasMessageContaining("atIndex");
  }
}
