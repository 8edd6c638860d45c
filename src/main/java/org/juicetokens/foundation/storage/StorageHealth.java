package org.juicetokens.foundation.storage;

import io.vertx.core.json.JsonObject;
import org.juicetokens.foundation.storage.proto.StorageStats;

import java.util.Optional;

/**
 * The storage health verdict: DOWN when the store is closed, when the disk has less than
 * storage.minFreeBytes left, or when the last write failed with an I/O error; UP otherwise.
 * The data describes the store for the admin console (path, sizes, utilisation, counters).
 */
record StorageHealth(boolean up, JsonObject data) {

  static StorageHealth of(StorageStats stats, DiskFigures disk, long minFreeBytes, Optional<String> lastWriteIoError) {
    String reason = null;
    if (!stats.getOpen()) {
      reason = "store closed";
    } else if (disk.diskFreeBytes() < minFreeBytes) {
      reason = "disk almost full: " + disk.diskFreeBytes() + " bytes free, storage.minFreeBytes is " + minFreeBytes;
    } else if (lastWriteIoError.isPresent()) {
      reason = "last write failed: " + lastWriteIoError.get();
    }
    JsonObject data = new JsonObject()
      .put("path", stats.getPath())
      .put("open", stats.getOpen())
      .put("sizeOnDiskBytes", stats.getSizeOnDiskBytes())
      .put("diskFreeBytes", disk.diskFreeBytes())
      .put("diskTotalBytes", disk.diskTotalBytes())
      .put("diskUsedPercent", disk.diskTotalBytes() == 0 ? 100.0
        : Math.round(1000.0 * (disk.diskTotalBytes() - disk.diskFreeBytes()) / disk.diskTotalBytes()) / 10.0)
      .put("minFreeBytes", minFreeBytes)
      .put("reads", stats.getReads())
      .put("writes", stats.getWrites())
      .put("deletes", stats.getDeletes())
      .put("scans", stats.getScans())
      .put("syncs", stats.getSyncs())
      .put("syncedWrites", stats.getSyncedWrites())
      .put("bytesWritten", stats.getBytesWritten())
      .put("bytesRead", stats.getBytesRead())
      .put("errors", stats.getErrors());
    if (!stats.getLastError().isEmpty()) {
      data.put("lastError", stats.getLastError());
    }
    if (reason != null) {
      data.put("reason", reason);
    }
    return new StorageHealth(reason == null, data);
  }
}
