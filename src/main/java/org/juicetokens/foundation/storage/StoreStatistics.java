package org.juicetokens.foundation.storage;

import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.proto.FamilyStats;
import org.juicetokens.foundation.storage.proto.StorageStats;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The store's figures for stats, health and the metrics, in one place so that each is read from
 * one source: the counters, the group committer's sync counts, the disk figures (measured on
 * demand, cached for cheap gauges) and RocksDB's per-family estimates. Works on a closed store
 * too: the figures then come from memory.
 */
final class StoreStatistics {
  private final Path path;
  private final StoreCounters counters;
  private final StoreWriter writer;
  private final BooleanSupplier open;
  private final DbAccess db;
  private volatile DiskFigures disk;
  /** RocksDB's estimate of bytes compaction still has to rewrite, all families; -1 until first read. */
  private volatile long pendingCompactionBytes = -1;

  StoreStatistics(Path path, StoreCounters counters, StoreWriter writer, BooleanSupplier open, DbAccess db) {
    this.path = path;
    this.counters = counters;
    this.writer = writer;
    this.open = open;
    this.db = db;
    this.disk = DiskFigures.measure(path);
  }

  DiskFigures diskFigures() {
    return disk;
  }

  DiskFigures refreshDiskFigures() {
    disk = DiskFigures.measure(path);
    return disk;
  }

  long pendingCompactionBytes() {
    return pendingCompactionBytes;
  }

  /**
   * Reads rocksdb.estimate-pending-compaction-bytes of every family (a native call: off the event
   * loop) and keeps it for the health procedure, which answers from memory. Closed store: kept as is.
   */
  long refreshPendingCompaction() {
    if (!open.getAsBoolean()) {
      return pendingCompactionBytes;
    }
    try {
      pendingCompactionBytes = db.onDb("pendingCompaction", true, rocks -> {
        long total = 0;
        for (StoreFamily family : StoreFamily.values()) {
          total += rocks.db().getLongProperty(rocks.handle(family), "rocksdb.estimate-pending-compaction-bytes");
        }
        return total;
      });
    } catch (JuiceException e) {
      // closed meanwhile, or the estimate is unavailable: the last reading stands
    }
    return pendingCompactionBytes;
  }

  long bytesWritten(StoreFamily family) {
    return counters.bytesWritten(family);
  }

  long bytesRead(StoreFamily family) {
    return counters.bytesRead(family);
  }

  /** All figures, with the disk figures measured now and per-family estimates (blocking). */
  StorageStats stats() {
    StorageStats.Builder stats = counterStats(refreshDiskFigures());
    if (open.getAsBoolean()) {
      try {
        db.onDb("stats", true, rocks -> {
          RocksDB rocksDb = rocks.db();
          for (StoreFamily family : StoreFamily.values()) {
            ColumnFamilyHandle handle = rocks.handle(family);
            stats.addFamilies(FamilyStats.newBuilder()
              .setName(family.dbName())
              .setEstimatedKeys(rocksDb.getLongProperty(handle, "rocksdb.estimate-num-keys"))
              .setLiveDataBytes(rocksDb.getLongProperty(handle, "rocksdb.estimate-live-data-size")
                + rocksDb.getLongProperty(handle, "rocksdb.cur-size-all-mem-tables")));
          }
          return null;
        });
      } catch (JuiceException e) {
        // closed meanwhile, or the estimates are unavailable: the counters still stand
        stats.clearFamilies();
      }
    }
    return stats.build();
  }

  /** The counters and the last measured disk figures: no I/O, safe on any thread. */
  StorageStats snapshot() {
    return counterStats(disk).build();
  }

  private StorageStats.Builder counterStats(DiskFigures figures) {
    return StorageStats.newBuilder()
      .setOpen(open.getAsBoolean())
      .setPath(path.toString())
      .setSizeOnDiskBytes(figures.sizeOnDiskBytes())
      .setDiskFreeBytes(figures.diskFreeBytes())
      .setReads(counters.reads.sum())
      .setWrites(counters.writes.sum())
      .setDeletes(counters.deletes.sum())
      .setBatches(counters.batches.sum())
      .setScans(counters.scans.sum())
      .setSyncs(writer.syncs())
      .setSyncedWrites(writer.syncedWrites())
      .setBytesWritten(counters.totalBytesWritten())
      .setBytesRead(counters.totalBytesRead())
      .setErrors(counters.errors.sum())
      .setLastError(counters.lastError());
  }
}
