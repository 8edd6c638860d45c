package org.juicetokens.token.creation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenIdsTest {
  @Property
  void the_padded_index_is_the_former_string_format(@ForAll @LongRange(min = -5, max = Long.MAX_VALUE) long index) {
    assertThat(TokenIds.paddedIndex(index)).isEqualTo(String.format("%03d", index));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 9, 10, 99, 100, 999, 1000, 123456789012L, Long.MAX_VALUE})
  void the_padded_index_at_its_digit_boundaries(long index) {
    assertThat(TokenIds.paddedIndex(index)).isEqualTo(String.format("%03d", index));
  }


  @Property(tries = 300)
  void formatted_ids_parse_back_to_their_parts(@ForAll("references") String reference, @ForAll("denominations") int denomination,
                                               @ForAll @LongRange(min = 1, max = 999_999_999L) long index) {
    String id = TokenIds.format("47c609bc", reference, denomination, index);
    TokenIds.TokenId parsed = TokenIds.parse(id);
    assertThat(parsed).isEqualTo(new TokenIds.TokenId("47c609bc", reference, denomination, index));
    assertThat(parsed.toString()).isEqualTo(id);
    assertThat(parsed.issuanceId()).isEqualTo("47c609bc-" + reference);
  }

  @Property(tries = 200)
  void any_other_text_either_parses_to_the_same_id_or_is_refused_with_invalid_argument(@ForAll("noise") String text) {
    try {
      assertThat(TokenIds.parse(text).toString()).isEqualTo(text);
    } catch (JuiceException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).startsWith("bad token id");
    }
  }

  @Provide
  Arbitrary<String> references() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(32);
  }

  @Provide
  Arbitrary<Integer> denominations() {
    return Arbitraries.of(1, 2, 5, 10, 20, 50, 100, 200, 500);
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.strings().withChars("47c609bcA-z0x_ .").ofMaxLength(40);
  }

  @Test
  void index_is_zero_padded_to_three_digits_and_longer_ones_are_unpadded() {
    assertThat(TokenIds.format("1", "coffee", 10, 7)).isEqualTo("1-coffee-10-007");
    assertThat(TokenIds.format("1", "coffee", 10, 1234)).isEqualTo("1-coffee-10-1234");
    assertThat(TokenIds.parse("1-coffee-10-1234").index()).isEqualTo(1234);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "''                              | it is empty",
    "47c609bc-coffee-10              | 3 hyphen-separated parts",
    "47c609bc-cof-fee-10-001         | 5 hyphen-separated parts",
    "47c609bc--10-001                | REFERENCE is empty",
    "47c609bc-coffee_1-10-001        | may contain only",
    "47c609bc-abcdefghijabcdefghijabcdefghijabc-10-001 | 33 characters",
    "47C609BC-coffee-10-001          | lowercase hex",
    "47c6-coffee-10-001              | not a valid S2 cell",
    "47c609bc0-coffee-10-001         | canonical form",
    "-coffee-10-001                  | lowercase hex",
    "47c609bc-coffee-ten-001         | VALUE 'ten' is not a decimal number",
    "47c609bc-coffee-010-001         | without leading zeros",
    "47c609bc-coffee-0-001           | without leading zeros",
    "47c609bc-coffee--001            | VALUE '' is not a decimal number",
    "47c609bc-coffee-10-01           | zero-padded",
    "47c609bc-coffee-10-0001         | zero-padded",
    "47c609bc-coffee-10-000          | 1 or more",
    "47c609bc-coffee-10-              | INDEX '' is not a decimal number",
    "47c609bc-coffee-10-1e3          | INDEX '1e3' is not a decimal number",
    "47c609bc-coffee-10-0012345678901234567 | too long",
    "47c609bc-coffee-10-001-         | 5 hyphen-separated parts",
    "'47c609bc-cof fee-10-001'       | may contain only",
    "'47c609bc-coffee-10-001 '       | INDEX '001 ' is not a decimal number",
  })
  void malformed_ids_are_refused_with_the_reason(String id, String reason) {
    assertThatThrownBy(() -> TokenIds.parse(id))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining(reason);
  }

  @Test
  void reference_length_limit_is_a_parameter() {
    assertThat(TokenIds.parse("1-abcd-1-001", 4).reference()).isEqualTo("abcd");
    assertThatThrownBy(() -> TokenIds.parse("1-abcde-1-001", 4)).hasMessageContaining("at most 4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "47c609bc", "89c25", "b", "47c609bc1"})
  void canonical_s2_cell_tokens_are_valid_locations(String location) {
    assertThat(TokenLocation.problem(location)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "47c6", "xyz", "10", "47c609bc00", "12345678901234567"})
  void other_texts_are_not_locations(String location) {
    assertThat(TokenLocation.problem(location)).isNotNull();
    assertThatThrownBy(() -> TokenLocation.require(location)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 50)
  void denominations_setting_round_trips(@ForAll @IntRange(min = 2, max = 1000) int extra) {
    Denominations d = Denominations.of(java.util.List.of("1", String.valueOf(extra)));
    assertThat(d.values()).containsExactly(1, extra);
    assertThat(d.contains(extra)).isTrue();
  }

  @Test
  void denominations_refuse_bad_settings_and_values() {
    assertThatThrownBy(() -> Denominations.of(java.util.List.of("2", "5"))).hasMessageContaining("must include 1");
    assertThatThrownBy(() -> Denominations.of(java.util.List.of("1", "1"))).hasMessageContaining("repeated");
    assertThatThrownBy(() -> Denominations.of(java.util.List.of("1", "x"))).hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> Denominations.standard().require(3))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
      .hasMessageContaining("denomination 3 is not one of [1, 2, 5, 10, 20, 50, 100, 200, 500]");
  }
}
