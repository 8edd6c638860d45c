package org.juicetokens.trust.identity;

import org.juicetokens.common.JuiceException;

/** Display names: trimmed, 1 to {@code identity.maxDisplayNameChars} characters, no control characters. Pure. */
public final class DisplayNames {
  public static final String FIELD = "displayName";

  private DisplayNames() {
  }

  /** The trimmed name, or INVALID_ARGUMENT naming the field and the rule broken. */
  public static String normalize(String raw, int maxChars) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty()) {
      throw JuiceException.invalidArgument(FIELD + " must not be empty");
    }
    int chars = name.codePointCount(0, name.length());
    if (chars > maxChars) {
      throw JuiceException.invalidArgument(FIELD + " is " + chars + " characters, at most " + maxChars + " are allowed");
    }
    if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
      throw JuiceException.invalidArgument(FIELD + " must not contain control characters");
    }
    return name;
  }
}
