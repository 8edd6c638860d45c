package org.juicetokens.extension.spi;

import java.util.Optional;

/** What an extension may see or do; a manifest asks for some, an operator accepts them by activating it. */
public enum Permission {
  TOKENS_READ("tokens:read"),
  TRANSACTIONS_READ("transactions:read"),
  ATTESTATIONS_READ("attestations:read"),
  ATTESTATIONS_WRITE("attestations:write"),
  /** Send things out of the node: SSE notifications and webhook POSTs. */
  NOTIFY("notify");

  private final String wireName;

  Permission(String wireName) {
    this.wireName = wireName;
  }

  /** The name in manifests and in the API ({@code tokens:read}). */
  public String wireName() {
    return wireName;
  }

  public static Optional<Permission> of(String wireName) {
    for (Permission permission : values()) {
      if (permission.wireName.equals(wireName)) {
        return Optional.of(permission);
      }
    }
    return Optional.empty();
  }
}
