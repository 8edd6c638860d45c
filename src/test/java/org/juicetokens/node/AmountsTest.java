package org.juicetokens.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmountsTest {

  @Test
  void units_with_up_to_two_decimals_become_hundredths() {
    assertThat(Amounts.parseHundredths("12.34")).isEqualTo(1234);
    assertThat(Amounts.parseHundredths("12.3")).isEqualTo(1230);
    assertThat(Amounts.parseHundredths("12")).isEqualTo(1200);
    assertThat(Amounts.parseHundredths("0.01")).isEqualTo(1);
    assertThat(Amounts.parseHundredths(" 7.05 ")).isEqualTo(705);
    assertThat(Amounts.parseHundredths("0012.50")).isEqualTo(1250);
  }

  @ParameterizedTest
  @ValueSource(strings = {"12.345", "-1", "1,50", "12.", ".5", "abc", "1e3", "", "  ", "+3", "12.3.4", "99999999999999"})
  void anything_else_is_a_bad_amount_with_the_expected_form(String text) {
    assertThatThrownBy(() -> Amounts.parseHundredths(text)).isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("bad amount").hasMessageContaining("at most 2 decimals");
  }

  @Test
  void zero_is_refused() {
    assertThatThrownBy(() -> Amounts.parseHundredths("0.00")).hasMessageContaining("more than 0");
    assertThatThrownBy(() -> Amounts.parseHundredths(null)).hasMessageContaining("bad amount");
  }
}
