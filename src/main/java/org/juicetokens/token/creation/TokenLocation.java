package org.juicetokens.token.creation;

import com.google.common.geometry.S2CellId;

import java.util.regex.Pattern;

/**
 * The LOCATION part of token ids: an S2 cell token (PROTOCOL.md §Tokens), lowercase hex. Checked
 * with Google's S2 library ({@code S2CellId.fromToken(..).isValid()}: a real face, the trailing
 * sentinel bit at a level position) and required in canonical form (the spelling
 * {@code toToken()} gives back, no trailing zeros), so one cell has exactly one LOCATION.
 */
public final class TokenLocation {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{1,16}");

  private TokenLocation() {
  }

  /** Null when {@code token} is a valid canonical S2 cell token, else the reason. */
  public static String problem(String token) {
    if (token == null || !HEX.matcher(token).matches()) {
      return "location '" + token + "' is not 1-16 lowercase hex digits (an S2 cell token)";
    }
    S2CellId cell = S2CellId.fromToken(token);
    if (!cell.isValid()) {
      return "location '" + token + "' is not a valid S2 cell";
    }
    if (!cell.toToken().equals(token)) {
      return "location '" + token + "' is not in canonical form (expected '" + cell.toToken() + "')";
    }
    return null;
  }

  /** {@code token} when valid; else IllegalArgumentException (a configuration error). */
  public static String require(String token) {
    String problem = problem(token);
    if (problem != null) {
      throw new IllegalArgumentException("token.location: " + problem);
    }
    return token;
  }
}
