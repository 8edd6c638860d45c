package org.juicetokens.extension;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.proto.ExtensionRecord;
import org.juicetokens.extension.proto.ExtensionState;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The registry's state machine (PROTOCOL.md §Extensions): REGISTERED → ACTIVE ⇄ PAUSED; any state
 * but DISABLED → DISABLED; a failed activation or a runtime fault → ERROR (again from ERROR: a
 * failed re-activation replaces the reason); DISABLED and ERROR → ACTIVE again by activating.
 * Staying in the same state is not a transition (pausing a PAUSED extension is refused), except
 * ERROR → ERROR.
 */
public final class ExtensionStates {
  private static final Map<ExtensionState, Set<ExtensionState>> NEXT = new EnumMap<>(ExtensionState.class);

  static {
    NEXT.put(ExtensionState.REGISTERED, EnumSet.of(ExtensionState.ACTIVE, ExtensionState.DISABLED, ExtensionState.ERROR));
    NEXT.put(ExtensionState.ACTIVE, EnumSet.of(ExtensionState.PAUSED, ExtensionState.DISABLED, ExtensionState.ERROR));
    NEXT.put(ExtensionState.PAUSED, EnumSet.of(ExtensionState.ACTIVE, ExtensionState.DISABLED, ExtensionState.ERROR));
    NEXT.put(ExtensionState.DISABLED, EnumSet.of(ExtensionState.ACTIVE, ExtensionState.ERROR));
    NEXT.put(ExtensionState.ERROR, EnumSet.of(ExtensionState.ACTIVE, ExtensionState.DISABLED, ExtensionState.ERROR));
  }

  private ExtensionStates() {
  }

  public static boolean allowed(ExtensionState from, ExtensionState to) {
    return NEXT.getOrDefault(from, Set.of()).contains(to);
  }

  /** FAILED_PRECONDITION naming both states when the step is not allowed. */
  public static void require(String id, ExtensionState from, ExtensionState to) {
    if (!allowed(from, to)) {
      throw new JuiceException(ErrorCode.FAILED_PRECONDITION, "extension " + id + " is " + from + ": it cannot become " + to);
    }
  }

  /** The record in {@code to} with {@code reason} (kept only for ERROR and DISABLED), changed at {@code nowMs}; checked. */
  public static ExtensionRecord step(ExtensionRecord record, ExtensionState to, String reason, long nowMs) {
    require(record.getSigned().getManifest().getId(), record.getState(), to);
    boolean keepsReason = to == ExtensionState.ERROR || to == ExtensionState.DISABLED;
    return record.toBuilder().setState(to).setReason(keepsReason && reason != null ? reason : "").setStateChangedAtMs(nowMs).build();
  }
}
