package org.juicetokens.lifecycle.egg;

import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Hex;
import org.juicetokens.trust.identity.IdentityIds;

import java.security.SecureRandom;

/**
 * Ids of pools, batches and eggs. An egg id is {@code <owner id>-<16 hex>}: any node finds the
 * owner, hence the home node that keeps the egg, from the id alone (no lookup table to keep).
 */
public final class EggIds {
  private static final int RANDOM_BYTES = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private EggIds() {
  }

  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Hex.of(b);
  }

  public static String egg(String ownerId) {
    return ownerId + "-" + random(RANDOM_BYTES);
  }

  /** The owner named in an egg id, or INVALID_ARGUMENT. */
  public static String ownerOf(String eggId) {
    String id = eggId == null ? "" : eggId.trim();
    int dash = id.indexOf('-');
    if (dash != IdentityIds.ID_CHARS || id.length() != IdentityIds.ID_CHARS + 1 + 2 * RANDOM_BYTES
      || !IdentityIds.isWellFormed(id.substring(0, dash)) || !id.substring(dash + 1).matches("[0-9a-f]+")) {
      throw JuiceException.invalidArgument("not an egg id (<owner id>-<16 hex>): '" + (id.length() > 80 ? id.substring(0, 80) + "..." : id) + "'");
    }
    return id.substring(0, dash);
  }
}
