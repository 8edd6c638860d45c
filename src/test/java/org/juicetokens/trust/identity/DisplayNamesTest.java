package org.juicetokens.trust.identity;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisplayNamesTest {

  @Test
  void names_are_trimmed_and_counted_in_characters() {
    assertThat(DisplayNames.normalize("  Zoë  ", 64)).isEqualTo("Zoë");
    assertThat(DisplayNames.normalize("😀".repeat(4), 4)).isEqualTo("😀".repeat(4));
  }

  @Test
  void empty_too_long_or_control_characters_are_invalid_naming_the_field() {
    assertThatThrownBy(() -> DisplayNames.normalize(" \t ", 64)).hasMessageContaining("displayName must not be empty");
    assertThatThrownBy(() -> DisplayNames.normalize(null, 64)).hasMessageContaining("displayName");
    assertThatThrownBy(() -> DisplayNames.normalize("x".repeat(65), 64)).hasMessageContaining("65 characters, at most 64");
    assertThatThrownBy(() -> DisplayNames.normalize("a\nb", 64)).hasMessageContaining("control characters");
    assertThatThrownBy(() -> DisplayNames.normalize("a\u202Eb", 64))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void revocation_reasons_may_be_empty_but_not_long_or_control() {
    assertThat(RevocationReasons.check(null)).isEmpty();
    assertThat(RevocationReasons.check(" lost phone ")).isEqualTo("lost phone");
    assertThatThrownBy(() -> RevocationReasons.check("x".repeat(257))).hasMessageContaining("reason");
    assertThatThrownBy(() -> RevocationReasons.check("a\u0000")).hasMessageContaining("control");
  }
}
