package org.juicetokens.loadgen;

import java.util.Locale;

/** The operations the load generator can drive, each through the public API. */
public enum OpKind {
  /** A 1-token exact transfer (one token of 10.00) from an idle identity to another. */
  TRANSFER,
  /** Minting {@code --mint-count} tokens by an identity for itself under its own issuance. */
  MINT,
  /** A peer attestation by one identity about another. */
  ATTEST;

  /** The name used in --mix and in the report. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind called {@code label} (case-insensitive); INVALID_ARGUMENT-style message when unknown. */
  public static OpKind of(String label) {
    for (OpKind kind : values()) {
      if (kind.label().equalsIgnoreCase(label.trim())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown operation '" + label.trim() + "' in --mix: expected transfer, mint or attest");
  }
}
