package org.juicetokens.trust.chain;

import java.nio.charset.StandardCharsets;

/**
 * Keys of the personal chains in StoreFamily.CHAIN on the identity's home node: entries under
 * {@code c/<id>/<20-digit sequence>} (so a prefix scan answers them in order), the local head under
 * {@code h/<id>}, and the idempotency markers of recorded events under {@code m/<id>/<dedup key>}.
 */
final class ChainLayout {
  static final String HEAD_PREFIX = "h/";
  /** Long.MAX_VALUE has 19 digits: 20 always suffice. */
  private static final int SEQUENCE_DIGITS = 20;

  private ChainLayout() {
  }

  /** The sequence zero-padded to 20 digits (without String.format: its Formatter is the costly part of a key). */
  static byte[] entryKey(String identityId, long sequence) {
    if (sequence < 0) {
      return utf8("c/" + identityId + "/" + String.format("%020d", sequence)); // never written: sequences start at 1
    }
    String digits = Long.toString(sequence);
    return utf8("c/" + identityId + "/" + "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits);
  }

  static byte[] entryPrefix(String identityId) {
    return utf8("c/" + identityId + "/");
  }

  static byte[] headKey(String identityId) {
    return utf8(HEAD_PREFIX + identityId);
  }

  static byte[] markerKey(String identityId, String dedupKey) {
    return utf8("m/" + identityId + "/" + dedupKey);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
