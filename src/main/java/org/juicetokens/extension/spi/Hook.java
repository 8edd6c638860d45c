package org.juicetokens.extension.spi;

import java.util.Optional;

/**
 * The events an extension can subscribe to, each with the permission it needs to receive them
 * (an extension without that permission never sees the event, whatever hooks it lists).
 * {@code health.changed} carries nothing private and needs no permission.
 */
public enum Hook {
  TOKEN_CREATED("token.created", Permission.TOKENS_READ),
  TRANSACTION_STATE("transaction.state", Permission.TRANSACTIONS_READ),
  ATTESTATION_CREATED("attestation.created", Permission.ATTESTATIONS_READ),
  EGG_HATCHED("egg.hatched", Permission.TOKENS_READ),
  RENEWAL_COMPLETED("renewal.completed", Permission.TOKENS_READ),
  HEALTH_CHANGED("health.changed", null);

  private final String wireName;
  private final Permission needs;

  Hook(String wireName, Permission needs) {
    this.wireName = wireName;
    this.needs = needs;
  }

  /** The name in manifests ({@code transaction.state}). */
  public String wireName() {
    return wireName;
  }

  /** The permission needed to receive this hook's events; empty when none is. */
  public Optional<Permission> needs() {
    return Optional.ofNullable(needs);
  }

  public static Optional<Hook> of(String wireName) {
    for (Hook hook : values()) {
      if (hook.wireName.equals(wireName)) {
        return Optional.of(hook);
      }
    }
    return Optional.empty();
  }
}
