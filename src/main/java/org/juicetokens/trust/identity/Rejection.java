package org.juicetokens.trust.identity;

import java.util.Locale;

/**
 * Why a signed identity document was not trusted. A bounded set: its {@link #tag()} is the
 * {@code reason} label of {@code juice_identity_verifications_total}.
 */
public enum Rejection {
  /** Not a decodable document, or fields out of range (no keys, sequence < 1, unknown status, active key not the newest). */
  MALFORMED,
  /** The id is not derived from keys[0]. */
  ID_MISMATCH,
  /** A later key is not endorsed by the key before it, or key sequences do not ascend, or it forks from a known document. */
  BROKEN_KEY_CHAIN,
  /** Signed by a key other than the one active before this update. */
  WRONG_SIGNER,
  /** The signature does not check under the signer key. */
  BAD_SIGNATURE,
  /** Older than a document of the same identity already seen. */
  STALE_SEQUENCE,
  /** The DHT entry's own signature (over map, key, value, time) failed although the document checks. */
  ENTRY_SIGNATURE;

  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
