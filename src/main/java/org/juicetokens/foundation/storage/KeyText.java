package org.juicetokens.foundation.storage;

import java.util.HexFormat;

/**
 * How a key appears in error messages and log details: one short form everywhere, so a key in a
 * log line can be matched with the error it caused. Keys are not secrets; values never appear.
 */
final class KeyText {
  private static final int SHOWN_BYTES = 16;

  private KeyText() {
  }

  /** Hex, at most 16 bytes of it ("…" marks the rest); "-" for no key. */
  static String hex(byte[] key) {
    if (key == null) {
      return "-";
    }
    String hex = HexFormat.of().formatHex(key, 0, Math.min(key.length, SHOWN_BYTES));
    return key.length > SHOWN_BYTES ? hex + "…" : hex;
  }
}
