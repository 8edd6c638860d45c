package org.juicetokens.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over the concatenation of its parts (the protocol's "SHA-256(a ‖ b)"). Pure and thread-safe. */
public final class Hashes {
  public static final int SHA256_BYTES = 32;

  private Hashes() {
  }

  public static byte[] sha256(byte[]... parts) {
    MessageDigest digest = newSha256();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // every Java SE implementation must provide SHA-256
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
