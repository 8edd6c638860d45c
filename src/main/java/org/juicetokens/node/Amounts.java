package org.juicetokens.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amounts typed on the command line: decimal units with at most two decimals ({@code 12}, {@code 12.3}, {@code 12.34}). Pure. */
final class Amounts {
  private static final Pattern AMOUNT = Pattern.compile("([0-9]{1,13})(?:\\.([0-9]{1,2}))?");

  private Amounts() {
  }

  /** The amount in hundredths; IllegalArgumentException with the reason when it is not a positive amount of that form. */
  static long parseHundredths(String text) {
    String trimmed = text == null ? "" : text.trim();
    Matcher m = AMOUNT.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad amount '" + trimmed + "': expected units with at most 2 decimals, e.g. 12 or 12.34");
    }
    String decimals = m.group(2) == null ? "" : m.group(2);
    long hundredths = Long.parseLong(m.group(1)) * 100 + (decimals.isEmpty() ? 0 : Long.parseLong(decimals.length() == 1 ? decimals + "0" : decimals));
    if (hundredths <= 0) {
      throw new IllegalArgumentException("bad amount '" + trimmed + "': it must be more than 0");
    }
    return hundredths;
  }

}
