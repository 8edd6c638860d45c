package org.juicetokens.foundation.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyTextTest {

  @Test
  void keys_show_as_hex_and_long_ones_are_cut_after_sixteen_bytes() {
    assertThat(KeyText.hex(null)).isEqualTo("-");
    assertThat(KeyText.hex(new byte[] {0x0A, (byte) 0xFF})).isEqualTo("0aff");
    assertThat(KeyText.hex(new byte[16])).isEqualTo("00".repeat(16));
    assertThat(KeyText.hex(new byte[17])).isEqualTo("00".repeat(16) + "…");
  }
}
