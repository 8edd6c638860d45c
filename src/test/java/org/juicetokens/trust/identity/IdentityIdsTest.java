package org.juicetokens.trust.identity;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.crypto.Hex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityIdsTest {

  @Test
  void id_is_the_hex_of_the_first_20_bytes_of_sha256_of_the_public_key() {
    byte[] key = new byte[32];
    key[0] = 7;
    assertThat(IdentityIds.derive(key)).isEqualTo(Hex.of(Hashes.sha256(key)).substring(0, 40)).hasSize(40);
  }

  @Test
  void only_40_lowercase_hex_characters_are_well_formed() {
    assertThat(IdentityIds.isWellFormed("0123456789abcdef0123456789abcdef01234567")).isTrue();
    assertThat(IdentityIds.isWellFormed("0123456789ABCDEF0123456789abcdef01234567")).isFalse();
    assertThat(IdentityIds.isWellFormed("0123456789abcdef0123456789abcdef0123456")).isFalse();
    assertThat(IdentityIds.isWellFormed("0123456789abcdef0123456789abcdef0123456g")).isFalse();
    assertThat(IdentityIds.isWellFormed(null)).isFalse();
  }

  @Test
  void require_names_the_field() {
    assertThatThrownBy(() -> IdentityIds.require("nope", "id"))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining("id must be an identity id").hasMessageContaining("'nope'");
  }
}
