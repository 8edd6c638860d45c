package org.juicetokens.foundation.storage;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.proto.StorageStats;
import org.juicetokens.node.config.NodeConfig;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The node's durable local store: RocksDB, one column family per {@link StoreFamily}.
 * Thread-safe; every method blocks on disk I/O, so call it from a worker thread, never an event loop.
 *
 * <p>Writes are atomic batches ({@link #batch}); {@link #put}, {@link #delete} and {@link #clear}
 * are batches of one. An unsynced write is applied on the calling thread and acknowledged once
 * RocksDB has it (it survives a process crash, not a power cut). A synced write (a decision) is
 * validated on the calling thread, then handed to the {@link GroupCommitter}, and its future
 * completes only once it is fsynced; it becomes visible to readers at that moment too, so nobody
 * acts on a decision that a crash could still undo. Wait for a synced write's future before
 * writing the same key again.
 *
 * <p>Bad input fails with INVALID_ARGUMENT before anything is written; RocksDB failures with
 * UNAVAILABLE or DATA_CORRUPTION ({@link RocksErrors}); a closed store with UNAVAILABLE.
 * Read methods throw {@link JuiceException}; write methods return a failed future instead.
 *
 * <p>This class is the facade and owns the lifecycle: it opens the {@link NativeDb}, guards it
 * with a read-write lock (any use holds the read side, closing takes the write side) and closes
 * it. The work itself is done by {@link StoreWriter}, {@link StoreReader} and
 * {@link StoreStatistics}, which reach RocksDB only through {@link DbAccess}.
 */
public final class LocalStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);

  private final Path path;
  private final StoreLimits limits;
  private final NativeDb rocks;
  /** Read side: any use of the native DB; write side: closing it (so no call touches a freed DB). */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final AtomicBoolean closing = new AtomicBoolean();
  private boolean dbOpen = true; // written under the write lock, read under the read lock
  private final StoreWriter writer;
  private final StoreReader reader;
  private final StoreStatistics statistics;

  private LocalStore(Path path, StoreLimits limits, NativeDb rocks) {
    this.path = path;
    this.limits = limits;
    this.rocks = rocks;
    StoreCounters counters = new StoreCounters();
    this.writer = new StoreWriter(limits, counters, this::isOpen, this::onDb);
    this.reader = new StoreReader(limits, counters, this::onDb);
    this.statistics = new StoreStatistics(path, counters, writer, this::isOpen, this::onDb);
  }

  /** Opens (creating when missing) the store of this node at {@code <nodeDataDir>/store}. */
  public static LocalStore open(NodeConfig config) {
    return open(config.nodeDataDir().resolve("store"), StoreLimits.from(config));
  }

  /** Opens (creating when missing) the store in {@code dir} with every {@link StoreFamily}. */
  public static LocalStore open(Path dir, StoreLimits limits) {
    long start = System.nanoTime();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw JuiceException.unavailable("cannot create store directory " + dir + ": " + e, e);
    }
    NativeDb rocks = NativeDb.open(dir);
    LocalStore store = new LocalStore(dir, limits, rocks);
    LOG.info("[Storage] opened store at {} ({} families, {} bytes on disk) in {} ms", dir, rocks.familiesOpen(),
      store.diskFigures().sizeOnDiskBytes(), (System.nanoTime() - start) / 1_000_000);
    return store;
  }

  // ---- writes ------------------------------------------------------------------------------

  public CompletableFuture<WriteResult> put(StoreFamily family, byte[] key, byte[] value, boolean sync) {
    return writer.write(List.of(WriteOp.put(family, key, value)), sync, false);
  }

  /** Puts a protobuf record (its serialized form). */
  public CompletableFuture<WriteResult> putMessage(StoreFamily family, byte[] key, Message value, boolean sync) {
    return put(family, key, value == null ? null : value.toByteArray(), sync);
  }

  public CompletableFuture<WriteResult> delete(StoreFamily family, byte[] key, boolean sync) {
    return writer.write(List.of(WriteOp.delete(family, key)), sync, false);
  }

  /**
   * Deletes every key of {@code family}, atomically (one range deletion up to a bound above every
   * key of at most storage.maxKeyBytes; keys longer than that can only exist if the limit was lowered).
   */
  public CompletableFuture<WriteResult> clear(StoreFamily family, boolean sync) {
    return writer.write(List.of(WriteOp.clear(family)), sync, false);
  }

  /** Applies all {@code ops} atomically (one protocol step = one batch): all of them or none. */
  public CompletableFuture<WriteResult> batch(List<WriteOp> ops, boolean sync) {
    return writer.write(ops, sync, true);
  }

  // ---- reads -------------------------------------------------------------------------------

  /** The value under {@code key}, if any. */
  public Optional<byte[]> get(StoreFamily family, byte[] key) {
    return reader.get(family, key);
  }

  /**
   * The protobuf record under {@code key}, if any. A stored value that does not parse fails with
   * DATA_CORRUPTION: the record was damaged or written by something else.
   */
  public <T extends Message> Optional<T> getMessage(StoreFamily family, byte[] key, Parser<T> parser) {
    return reader.getMessage(family, key, parser);
  }

  /**
   * Entries whose key starts with {@code prefix} (empty: all), in key order: at most {@code limit}
   * (1..storage.maxScanEntries), and no more once about storage.maxValueBytes are collected.
   */
  public ScanResult scan(StoreFamily family, byte[] prefix, int limit) {
    return reader.scan(family, prefix, limit, null);
  }

  /** {@link #scan} of the keys after {@code startAfter} only (null or empty: from the start): the next page. */
  public ScanResult scan(StoreFamily family, byte[] prefix, int limit, byte[] startAfter) {
    return reader.scan(family, prefix, limit, startAfter);
  }

  // ---- state -------------------------------------------------------------------------------

  public Path path() {
    return path;
  }

  public StoreLimits limits() {
    return limits;
  }

  /** False once {@link #close} has begun. */
  public boolean isOpen() {
    return !closing.get();
  }

  /** The message of the last write's I/O failure, empty once a later write succeeded. */
  public Optional<String> lastWriteIoError() {
    return writer.lastWriteIoError();
  }

  /** Disk figures as last measured (cheap: for gauges). */
  public DiskFigures diskFigures() {
    return statistics.diskFigures();
  }

  /** Measures the disk figures again (walks the store directory). */
  public DiskFigures refreshDiskFigures() {
    return statistics.refreshDiskFigures();
  }

  /** Measures the disk figures and RocksDB's pending compaction again (blocking: on a worker). */
  public void refreshFigures() {
    statistics.refreshDiskFigures();
    statistics.refreshPendingCompaction();
  }

  /** RocksDB's estimate of bytes waiting for compaction, as last read by {@link #refreshFigures} (-1: not yet). */
  public long pendingCompactionBytes() {
    return statistics.pendingCompactionBytes();
  }

  public long bytesWritten(StoreFamily family) {
    return statistics.bytesWritten(family);
  }

  public long bytesRead(StoreFamily family) {
    return statistics.bytesRead(family);
  }

  /** fsyncs performed by group commit. */
  public long syncs() {
    return writer.syncs();
  }

  /** Write requests acknowledged after an fsync. */
  public long syncedWrites() {
    return writer.syncedWrites();
  }

  /** All figures, with the disk figures measured now and per-family estimates (blocking). Works on a closed store too. */
  public StorageStats stats() {
    return statistics.stats();
  }

  /** The counters and the last measured disk figures: no I/O, safe on any thread. */
  public StorageStats snapshot() {
    return statistics.snapshot();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /**
   * Closes the store: new calls fail with UNAVAILABLE, synced writes already queued are still
   * committed, unsynced ones are synced to disk, then RocksDB is closed. Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    writer.close();
    Lock write = lock.writeLock();
    write.lock();
    try {
      try {
        rocks.db().syncWal();
      } catch (RocksDBException e) {
        LOG.warn("[Storage] could not sync the WAL while closing {}: {}", path, e.getMessage());
      }
      rocks.close();
      dbOpen = false;
    } finally {
      write.unlock();
    }
    LOG.info("[Storage] closed store at {}", path);
  }

  /** The {@link DbAccess} of the parts: {@code work} on the open DB, under the read lock. */
  private <R> R onDb(String operation, boolean rejectWhenClosing, DbAccess.Work<R> work) {
    Lock read = lock.readLock();
    read.lock();
    try {
      if (!dbOpen || (rejectWhenClosing && closing.get())) {
        throw RocksErrors.storeClosed();
      }
      return work.run(rocks);
    } catch (RocksDBException e) {
      throw RocksErrors.toJuice(operation, e);
    } finally {
      read.unlock();
    }
  }
}
