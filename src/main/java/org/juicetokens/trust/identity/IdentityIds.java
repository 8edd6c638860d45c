package org.juicetokens.trust.identity;

import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.crypto.Hex;

import java.util.Arrays;

/**
 * Identity ids: the lowercase hex of the first 20 bytes of SHA-256(initial public key), so
 * 40 characters that anyone can re-derive from the document's keys[0]. Pure.
 */
public final class IdentityIds {
  public static final int ID_BYTES = 20;
  public static final int ID_CHARS = 2 * ID_BYTES;

  private IdentityIds() {
  }

  public static String derive(byte[] initialPublicKey) {
    return Hex.of(Arrays.copyOf(Hashes.sha256(initialPublicKey), ID_BYTES));
  }

  /** Whether {@code id} has the form of an identity id (40 lowercase hex characters). */
  public static boolean isWellFormed(String id) {
    if (id == null || id.length() != ID_CHARS) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** {@code id} when well formed, else INVALID_ARGUMENT naming {@code field}. */
  public static String require(String id, String field) {
    if (!isWellFormed(id)) {
      String shown = id == null ? "" : id.length() > 48 ? id.substring(0, 48) + "..." : id;
      throw JuiceException.invalidArgument(field + " must be an identity id (" + ID_CHARS + " lowercase hex characters), got '"
        + shown + "'");
    }
    return id;
  }
}
