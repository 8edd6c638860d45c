package org.juicetokens.foundation.storage;

import org.juicetokens.common.JuiceException;

import java.util.List;

/**
 * Checks what callers hand the store against its {@link StoreLimits}, before anything touches
 * RocksDB: input outside them is INVALID_ARGUMENT, so a bad request never writes partial state.
 * Kept apart from the limits record (public configuration) and from the read and write paths,
 * which only say which check applies.
 */
final class StoreValidation {
  private final StoreLimits limits;

  StoreValidation(StoreLimits limits) {
    this.limits = limits;
  }

  /** Checks every write of a batch; returns the bytes the batch writes. */
  long checkBatch(List<WriteOp> ops) {
    if (ops == null || ops.isEmpty()) {
      throw JuiceException.invalidArgument("empty batch: nothing to write");
    }
    long bytes = 0;
    for (WriteOp op : ops) {
      if (op == null || op.kind() == null) {
        throw JuiceException.invalidArgument("a write without a kind");
      }
      checkFamily(op.family());
      if (op.kind() != WriteOp.Kind.CLEAR) {
        checkKey(op.key());
      }
      if (op.kind() == WriteOp.Kind.PUT) {
        checkValue(op.value());
      }
      bytes += op.bytes();
    }
    return bytes;
  }

  /** Checks the family and key of a read. */
  void checkGet(StoreFamily family, byte[] key) {
    checkFamily(family);
    checkKey(key);
  }

  /** Checks a scan; returns its prefix, empty when none was given (scan everything). */
  byte[] checkScan(StoreFamily family, byte[] prefix, int limit) {
    checkFamily(family);
    byte[] from = prefix == null ? new byte[0] : prefix;
    checkSize("prefix", from.length, "storage.maxKeyBytes", limits.maxKeyBytes());
    if (limit < 1 || limit > limits.maxScanEntries()) {
      throw JuiceException.invalidArgument("scan limit " + limit + " outside 1.." + limits.maxScanEntries() + " (storage.maxScanEntries)");
    }
    return from;
  }

  private static void checkFamily(StoreFamily family) {
    if (family == null) {
      throw JuiceException.invalidArgument("missing store family");
    }
  }

  private void checkKey(byte[] key) {
    if (key == null || key.length == 0) {
      throw JuiceException.invalidArgument("empty key");
    }
    checkSize("key", key.length, "storage.maxKeyBytes", limits.maxKeyBytes());
  }

  private void checkValue(byte[] value) {
    if (value == null) {
      throw JuiceException.invalidArgument("missing value (delete removes a key)");
    }
    checkSize("value", value.length, "storage.maxValueBytes", limits.maxValueBytes());
  }

  private static void checkSize(String what, int bytes, String setting, int max) {
    if (bytes > max) {
      throw JuiceException.invalidArgument(what + " of " + bytes + " bytes exceeds " + setting + " (" + max + ")");
    }
  }
}
