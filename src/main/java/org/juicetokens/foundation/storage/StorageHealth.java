package org.juicetokens.foundation.storage;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.governance.health.ComponentStatus;
import org.juicetokens.governance.health.Threshold;
import org.juicetokens.foundation.storage.proto.StorageStats;

import java.util.Optional;

/**
 * The storage health verdict: DOWN when the store is closed, when the disk has less than
 * storage.minFreeBytes left, or when the last write failed with an I/O error; DEGRADED when
 * RocksDB estimates at least health.pendingCompactionDegradedBytes waiting for compaction (writes
 * will be slowed, then stalled, by RocksDB); UP otherwise. Load = pending compaction as a share of
 * that limit. The data describes the store for the admin console (path, sizes, utilisation, counters).
 */
record StorageHealth(ComponentStatus status, JsonObject data) {

  boolean up() {
    return status != ComponentStatus.DOWN;
  }

  Status toStatus() {
    return status.toStatus(data);
  }

  static StorageHealth of(StorageStats stats, DiskFigures disk, long minFreeBytes, Optional<String> lastWriteIoError) {
    return of(stats, disk, minFreeBytes, lastWriteIoError, -1, Threshold.degradedOnly(0));
  }

  static StorageHealth of(StorageStats stats, DiskFigures disk, long minFreeBytes, Optional<String> lastWriteIoError,
                          long pendingCompactionBytes, Threshold pendingCompaction) {
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
    ComponentStatus status = reason == null ? ComponentStatus.UP : ComponentStatus.DOWN;
    long pending = Math.max(0, pendingCompactionBytes);
    data.put("pendingCompactionBytes", pendingCompactionBytes)
      .put(ComponentStatus.LOAD_KEY, pendingCompaction.loadPercent(pending));
    if (status == ComponentStatus.UP && pendingCompaction.status(pending) != ComponentStatus.UP) {
      status = ComponentStatus.DEGRADED;
      reason = "RocksDB has " + pending + " bytes waiting for compaction (health.pendingCompactionDegradedBytes is "
        + (long) pendingCompaction.degradedAt() + ")";
    }
    if (reason != null) {
      data.put("reason", reason);
    }
    data.put(ComponentStatus.KEY, status.name());
    return new StorageHealth(status, data);
  }
}
