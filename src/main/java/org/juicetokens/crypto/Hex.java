package org.juicetokens.crypto;

import java.util.HexFormat;

/** Lower-case hex of public values (public keys, hashes); never used for secrets in logs. */
public final class Hex {
  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {
  }

  public static String of(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }

  /** The first {@code chars} hex characters: a short fingerprint for log lines. */
  public static String prefix(byte[] bytes, int chars) {
    String hex = of(bytes);
    return hex.length() <= chars ? hex : hex.substring(0, chars);
  }
}
