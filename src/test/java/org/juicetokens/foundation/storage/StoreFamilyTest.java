package org.juicetokens.foundation.storage;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreFamilyTest {

  @Test
  void family_is_found_by_its_rocksdb_name_or_constant_name() {
    assertThat(StoreFamily.of("tokens")).isEqualTo(StoreFamily.TOKENS);
    assertThat(StoreFamily.of("TOKENS")).isEqualTo(StoreFamily.TOKENS);
    assertThat(StoreFamily.of(" wal ")).isEqualTo(StoreFamily.WAL);
  }

  @Test
  void unknown_family_name_is_invalid_argument_listing_the_known_ones() {
    assertThatThrownBy(() -> StoreFamily.of("nope"))
      .isInstanceOf(JuiceException.class)
      .satisfies(e -> assertThat(((JuiceException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining("nope").hasMessageContaining("tokens");
  }

  @Test
  void missing_family_name_is_invalid_argument() {
    assertThatThrownBy(() -> StoreFamily.of(""))
      .satisfies(e -> assertThat(((JuiceException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> StoreFamily.of(null))
      .satisfies(e -> assertThat(((JuiceException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void rocksdb_names_are_unique_and_never_the_default_family() {
    assertThat(Arrays.stream(StoreFamily.values()).map(StoreFamily::dbName))
      .doesNotHaveDuplicates()
      .doesNotContain("default");
  }
}
