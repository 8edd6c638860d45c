package org.juicetokens.foundation.storage;

import org.juicetokens.common.JuiceException;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

import java.util.List;

/**
 * The limits a {@link LocalStore} enforces, and their checks: input outside them is
 * INVALID_ARGUMENT, raised before anything is written.
 *
 * @param maxKeyBytes          largest accepted key (storage.maxKeyBytes)
 * @param maxValueBytes        largest accepted value (storage.maxValueBytes); also the size at
 *                             which a scan or a commit group stops growing
 * @param groupCommitMaxWrites most synced write requests sharing one fsync (storage.groupCommitMaxWrites)
 * @param maxScanEntries       most entries one scan returns (storage.maxScanEntries)
 */
public record StoreLimits(int maxKeyBytes, int maxValueBytes, int groupCommitMaxWrites, int maxScanEntries) {

  public StoreLimits {
    if (maxKeyBytes <= 0 || maxValueBytes <= 0 || groupCommitMaxWrites <= 0 || maxScanEntries <= 0) {
      throw new IllegalArgumentException("store limits must be > 0");
    }
  }

  public static StoreLimits from(NodeConfig config) {
    return new StoreLimits(config.integer(Settings.STORAGE_MAX_KEY), config.integer(Settings.STORAGE_MAX_VALUE),
      config.integer(Settings.STORAGE_GROUP_COMMIT_MAX), config.integer(Settings.STORAGE_MAX_SCAN));
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

  void checkFamily(StoreFamily family) {
    if (family == null) {
      throw JuiceException.invalidArgument("missing store family");
    }
  }

  void checkKey(byte[] key) {
    if (key == null || key.length == 0) {
      throw JuiceException.invalidArgument("empty key");
    }
    if (key.length > maxKeyBytes) {
      throw JuiceException.invalidArgument("key of " + key.length + " bytes exceeds storage.maxKeyBytes (" + maxKeyBytes + ")");
    }
  }

  void checkValue(byte[] value) {
    if (value == null) {
      throw JuiceException.invalidArgument("missing value (delete removes a key)");
    }
    if (value.length > maxValueBytes) {
      throw JuiceException.invalidArgument("value of " + value.length + " bytes exceeds storage.maxValueBytes (" + maxValueBytes + ")");
    }
  }

  void checkScan(byte[] prefix, int limit) {
    if (prefix.length > maxKeyBytes) {
      throw JuiceException.invalidArgument("prefix of " + prefix.length + " bytes exceeds storage.maxKeyBytes (" + maxKeyBytes + ")");
    }
    if (limit < 1 || limit > maxScanEntries) {
      throw JuiceException.invalidArgument("scan limit " + limit + " outside 1.." + maxScanEntries + " (storage.maxScanEntries)");
    }
  }
}
