package org.juicetokens.token.creation;

import org.juicetokens.common.JuiceException;

import java.util.regex.Pattern;

/**
 * Token ids {@code LOCATION-REFERENCE-VALUE-INDEX} and issuance ids {@code LOCATION-REFERENCE}
 * (PROTOCOL.md §Tokens). Every part is {@code [A-Za-z0-9]+} and there are no other hyphens;
 * LOCATION is a canonical S2 cell token, REFERENCE 1 to {@code maxReferenceChars} characters,
 * VALUE a denomination written without leading zeros, INDEX 1-based, zero-padded to at least 3
 * digits (and written with no more padding than that, so an index has one spelling). Parsing is
 * strict: anything else is INVALID_ARGUMENT with the reason. Pure and thread-safe.
 */
public final class TokenIds {
  public static final int DEFAULT_MAX_REFERENCE_CHARS = 32;
  public static final int INDEX_MIN_DIGITS = 3;
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  /** A parsed token id. */
  public record TokenId(String location, String reference, int denomination, long index) {
    public String issuanceId() {
      return TokenIds.issuanceId(location, reference);
    }

    @Override
    public String toString() {
      return format(location, reference, denomination, index);
    }
  }

  private TokenIds() {
  }

  public static String issuanceId(String location, String reference) {
    return location + "-" + reference;
  }

  public static String format(String location, String reference, int denomination, long index) {
    return location + "-" + reference + "-" + denomination + "-" + paddedIndex(index);
  }

  /**
   * The index zero-padded to {@link #INDEX_MIN_DIGITS} digits (as {@code String.format("%03d")}, whose
   * Formatter was the costly part of every id built or parsed).
   */
  static String paddedIndex(long index) {
    if (index < 0) {
      return String.format("%0" + INDEX_MIN_DIGITS + "d", index);
    }
    String digits = Long.toString(index);
    return digits.length() >= INDEX_MIN_DIGITS ? digits : "0".repeat(INDEX_MIN_DIGITS - digits.length()) + digits;
  }

  /** Parses with the default reference length limit (32). */
  public static TokenId parse(String id) {
    return parse(id, DEFAULT_MAX_REFERENCE_CHARS);
  }

  public static TokenId parse(String id, int maxReferenceChars) {
    if (id == null || id.isEmpty()) {
      throw invalid(id, "it is empty");
    }
    String[] parts = id.split("-", -1);
    if (parts.length != 4) {
      throw invalid(id, "it has " + parts.length + " hyphen-separated parts, expected 4 (LOCATION-REFERENCE-VALUE-INDEX)");
    }
    String location = parts[0];
    String locationProblem = TokenLocation.problem(location);
    if (locationProblem != null) {
      throw invalid(id, locationProblem);
    }
    String reference = parts[1];
    String referenceProblem = referenceProblem(reference, maxReferenceChars);
    if (referenceProblem != null) {
      throw invalid(id, referenceProblem);
    }
    int denomination = (int) number(id, "VALUE", parts[2], 9);
    if (denomination <= 0 || parts[2].startsWith("0")) {
      throw invalid(id, "VALUE '" + parts[2] + "' is not a denomination written without leading zeros");
    }
    String indexText = parts[3];
    long index = number(id, "INDEX", indexText, 18);
    if (index < 1) {
      throw invalid(id, "INDEX must be 1 or more, got '" + indexText + "'");
    }
    String canonical = paddedIndex(index);
    if (!canonical.equals(indexText)) {
      throw invalid(id, "INDEX '" + indexText + "' must be zero-padded to exactly " + INDEX_MIN_DIGITS
        + " digits, or written unpadded when longer (expected '" + canonical + "')");
    }
    return new TokenId(location, reference, denomination, index);
  }

  /** Null when {@code reference} is a valid issuance reference, else the reason. */
  public static String referenceProblem(String reference, int maxReferenceChars) {
    if (reference == null || reference.isEmpty()) {
      return "REFERENCE is empty";
    }
    if (reference.length() > maxReferenceChars) {
      return "REFERENCE '" + shorten(reference) + "' has " + reference.length() + " characters, at most " + maxReferenceChars;
    }
    if (!PART.matcher(reference).matches()) {
      return "REFERENCE '" + shorten(reference) + "' may contain only A-Z, a-z and 0-9";
    }
    return null;
  }

  /** {@code reference}, or INVALID_ARGUMENT with the reason. */
  public static String requireReference(String reference, int maxReferenceChars) {
    String problem = referenceProblem(reference, maxReferenceChars);
    if (problem != null) {
      throw JuiceException.invalidArgument("bad reference: " + problem);
    }
    return reference;
  }

  private static long number(String id, String part, String text, int maxDigits) {
    if (!DIGITS.matcher(text).matches()) {
      throw invalid(id, part + " '" + shorten(text) + "' is not a decimal number");
    }
    if (text.length() > maxDigits) {
      throw invalid(id, part + " '" + shorten(text) + "' is too long");
    }
    return Long.parseLong(text);
  }

  private static JuiceException invalid(String id, String reason) {
    return JuiceException.invalidArgument("bad token id '" + shorten(String.valueOf(id)) + "': " + reason);
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
