package org.juicetokens.trust.chain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ChainLayoutTest {
  @Test
  void entry_keys_are_the_twenty_digit_zero_padded_sequence_as_before() {
    for (long sequence : new long[] {0, 1, 9, 10, 12345, 99_999_999_999L, Long.MAX_VALUE, -1}) {
      assertThat(new String(ChainLayout.entryKey("id1", sequence), StandardCharsets.UTF_8))
        .isEqualTo("c/id1/" + String.format("%020d", sequence));
    }
  }

  @Test
  void entry_keys_sort_in_sequence_order() {
    String nine = new String(ChainLayout.entryKey("x", 9), StandardCharsets.UTF_8);
    String ten = new String(ChainLayout.entryKey("x", 10), StandardCharsets.UTF_8);
    assertThat(nine).isLessThan(ten).startsWith(new String(ChainLayout.entryPrefix("x"), StandardCharsets.UTF_8));
  }
}
