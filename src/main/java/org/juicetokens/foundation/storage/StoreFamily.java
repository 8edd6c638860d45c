package org.juicetokens.foundation.storage;

import org.juicetokens.common.JuiceException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of records the node keeps, one RocksDB column family each, so that a kind can be
 * scanned, cleared and measured on its own. The RocksDB name is part of the on-disk format:
 * never rename one (add a new family instead; missing families are created at open).
 */
public enum StoreFamily {
  /** Node metadata: format version, node identity, counters. */
  META("meta"),
  /** Tokens of the identities homed here and their wissel buffers. */
  TOKENS("tokens"),
  /** Private keys, encrypted under the node master key. */
  KEYS("keys"),
  /** Transaction write-ahead log, paks and certificates (synced on every decision). */
  WAL("wal"),
  /** Genesis pools and eggs with their stage deadlines. */
  EGGS("eggs"),
  /** Renewal notices. */
  NOTICES("notices"),
  /** The extension registry. */
  EXTENSIONS("extensions"),
  /** Attestations issued or received here. */
  ATTESTATIONS("attestations"),
  /** Personal chains of the identities homed here. */
  CHAIN("chain"),
  /** Generic node-local key/values. */
  KV("kv");

  private final String dbName;

  StoreFamily(String dbName) {
    this.dbName = dbName;
  }

  /** The column family name in RocksDB (also the value of the {@code family} metric label). */
  public String dbName() {
    return dbName;
  }

  /**
   * The family named {@code name}: its RocksDB name ({@code tokens}) or its constant name in any
   * case ({@code TOKENS}). Anything else is bad input.
   */
  public static StoreFamily of(String name) {
    if (name == null || name.isBlank()) {
      throw JuiceException.invalidArgument("missing store family; known: " + known());
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (StoreFamily family : values()) {
      if (family.dbName.equals(wanted)) {
        return family;
      }
    }
    throw JuiceException.invalidArgument("unknown store family '" + name + "'; known: " + known());
  }

  private static String known() {
    return Arrays.stream(values()).map(StoreFamily::dbName).collect(Collectors.joining(", "));
  }
}
