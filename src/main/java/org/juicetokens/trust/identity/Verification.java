package org.juicetokens.trust.identity;

import org.juicetokens.trust.identity.proto.IdentityDocument;

/**
 * The outcome of checking one signed identity document: valid with the decoded document, or a
 * {@link Rejection} with a sentence for people (no key material in it).
 */
public record Verification(IdentityDocument document, Rejection rejection, String message) {

  static Verification valid(IdentityDocument document) {
    return new Verification(document, null, "valid");
  }

  static Verification rejected(IdentityDocument document, Rejection rejection, String message) {
    return new Verification(document, rejection, message);
  }

  public boolean isValid() {
    return rejection == null;
  }
}
