package org.juicetokens.extension;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.proto.ExtensionRecord;
import org.juicetokens.extension.proto.ExtensionState;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.extension.proto.ExtensionState.ACTIVE;
import static org.juicetokens.extension.proto.ExtensionState.DISABLED;
import static org.juicetokens.extension.proto.ExtensionState.ERROR;
import static org.juicetokens.extension.proto.ExtensionState.PAUSED;
import static org.juicetokens.extension.proto.ExtensionState.REGISTERED;

class ExtensionStatesTest {
  private static final Set<ExtensionState> STATES = EnumSet.of(REGISTERED, ACTIVE, PAUSED, DISABLED, ERROR);

  @Test
  void the_transition_table_is_exactly_the_protocols() {
    assertAllowed(REGISTERED, ACTIVE, DISABLED, ERROR);
    assertAllowed(ACTIVE, PAUSED, DISABLED, ERROR);
    assertAllowed(PAUSED, ACTIVE, DISABLED, ERROR);
    assertAllowed(DISABLED, ACTIVE, ERROR);
    assertAllowed(ERROR, ACTIVE, DISABLED, ERROR);
  }

  @Test
  void nothing_goes_back_to_registered() {
    for (ExtensionState from : STATES) {
      assertThat(ExtensionStates.allowed(from, REGISTERED)).as(from + " → REGISTERED").isFalse();
    }
  }

  @Test
  void a_step_keeps_the_reason_only_for_error_and_disabled() {
    ExtensionRecord registered = ExtensionRecord.newBuilder().setSigned(Manifests.signed("w-1")).setState(REGISTERED).build();
    ExtensionRecord failed = ExtensionStates.step(registered, ERROR, "class not found", 42);
    assertThat(failed.getState()).isEqualTo(ERROR);
    assertThat(failed.getReason()).isEqualTo("class not found");
    assertThat(failed.getStateChangedAtMs()).isEqualTo(42);
    ExtensionRecord active = ExtensionStates.step(failed, ACTIVE, "ignored", 43);
    assertThat(active.getReason()).isEmpty();
  }

  @Test
  void a_step_not_in_the_table_is_failed_precondition_naming_both_states() {
    ExtensionRecord paused = ExtensionRecord.newBuilder().setSigned(Manifests.signed("w-1")).setState(PAUSED).build();
    assertThatThrownBy(() -> ExtensionStates.step(paused, PAUSED, "", 1)).isInstanceOfSatisfying(JuiceException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
      assertThat(e.getMessage()).isEqualTo("extension w-1 is PAUSED: it cannot become PAUSED");
    });
  }

  private static void assertAllowed(ExtensionState from, ExtensionState... to) {
    Set<ExtensionState> allowed = to.length == 0 ? EnumSet.noneOf(ExtensionState.class) : EnumSet.of(to[0], to);
    for (ExtensionState target : STATES) {
      assertThat(ExtensionStates.allowed(from, target)).as(from + " → " + target).isEqualTo(allowed.contains(target));
    }
  }
}
