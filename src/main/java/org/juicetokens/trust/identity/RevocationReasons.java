package org.juicetokens.trust.identity;

import org.juicetokens.common.JuiceException;

/** The free-text reason of a revocation: trimmed, at most {@link #MAX_CHARS} characters, no control characters. Pure. */
final class RevocationReasons {
  static final int MAX_CHARS = 256;

  private RevocationReasons() {
  }

  static String check(String raw) {
    String reason = raw == null ? "" : raw.strip();
    if (reason.codePointCount(0, reason.length()) > MAX_CHARS) {
      throw JuiceException.invalidArgument("reason is longer than " + MAX_CHARS + " characters");
    }
    if (reason.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
      throw JuiceException.invalidArgument("reason must not contain control characters");
    }
    return reason;
  }
}
