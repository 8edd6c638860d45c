package org.juicetokens.foundation.storage;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

/**
 * The limits a {@link LocalStore} enforces ({@link StoreValidation} checks input against them:
 * input outside them is INVALID_ARGUMENT, raised before anything is written).
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
}
