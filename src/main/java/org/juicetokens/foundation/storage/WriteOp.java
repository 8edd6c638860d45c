package org.juicetokens.foundation.storage;

/**
 * One write of an atomic batch: a put, a delete, or the clearing of a whole family.
 * Arrays are held as given (not copied): callers must not change them after handing them over.
 *
 * @param value the value of a PUT; null for DELETE and CLEAR
 */
public record WriteOp(Kind kind, StoreFamily family, byte[] key, byte[] value) {

  public enum Kind { PUT, DELETE, CLEAR }

  public static WriteOp put(StoreFamily family, byte[] key, byte[] value) {
    return new WriteOp(Kind.PUT, family, key, value);
  }

  public static WriteOp delete(StoreFamily family, byte[] key) {
    return new WriteOp(Kind.DELETE, family, key, null);
  }

  public static WriteOp clear(StoreFamily family) {
    return new WriteOp(Kind.CLEAR, family, null, null);
  }

  /** Bytes this write hands to RocksDB (key plus value). */
  public long bytes() {
    return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
  }
}
