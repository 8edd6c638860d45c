package org.juicetokens.foundation.storage;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.proto.FamilyStats;
import org.juicetokens.foundation.storage.proto.StorageStats;
import org.juicetokens.node.config.NodeConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

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
 */
public final class LocalStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);

  static {
    RocksDB.loadLibrary();
  }

  @FunctionalInterface
  private interface DbWork<R> {
    R run() throws RocksDBException;
  }

  private final Path path;
  private final StoreLimits limits;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions familyOptions;
  private final RocksDB db;
  /** Every family open in the DB (ours, default, and any a newer version added), closed on close. */
  private final List<ColumnFamilyHandle> openHandles;
  private final Map<StoreFamily, ColumnFamilyHandle> handles;
  private final WriteOptions unsyncedWrite = new WriteOptions();
  private final WriteOptions syncedWrite = new WriteOptions().setSync(true);
  /** Greater than every acceptable key: the exclusive end of the range a clear deletes. */
  private final byte[] clearEnd;
  /** Read side: any use of the native DB; write side: closing it (so no call touches a freed DB). */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final AtomicBoolean closing = new AtomicBoolean();
  private boolean dbOpen = true; // written under the write lock, read under the read lock
  private final StoreCounters counters = new StoreCounters();
  private final GroupCommitter<List<WriteOp>> committer;
  private volatile String lastWriteIoError;
  private volatile DiskFigures disk;

  private LocalStore(Path path, StoreLimits limits, DBOptions dbOptions, ColumnFamilyOptions familyOptions, RocksDB db,
                     List<ColumnFamilyHandle> openHandles, Map<StoreFamily, ColumnFamilyHandle> handles) {
    this.path = path;
    this.limits = limits;
    this.dbOptions = dbOptions;
    this.familyOptions = familyOptions;
    this.db = db;
    this.openHandles = openHandles;
    this.handles = handles;
    this.clearEnd = new byte[limits.maxKeyBytes() + 1];
    Arrays.fill(clearEnd, (byte) 0xFF);
    this.committer = new GroupCommitter<>("juice-storage-commit", limits.groupCommitMaxWrites(), limits.maxValueBytes(),
      ops -> ops.stream().mapToLong(WriteOp::bytes).sum(), this::writeGroup);
    this.disk = DiskFigures.measure(path);
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
    DBOptions dbOptions = new DBOptions()
      .setCreateIfMissing(true)
      .setCreateMissingColumnFamilies(true)
      // after a crash, replay the WAL up to the first torn record: everything synced before is kept
      .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
      .setKeepLogFileNum(3)
      .setMaxLogFileSize(4L << 20);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
    List<String> names = familyNames(dir);
    List<ColumnFamilyDescriptor> descriptors = names.stream()
      .map(n -> new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8), familyOptions)).toList();
    List<ColumnFamilyHandle> opened = new ArrayList<>();
    RocksDB db;
    try {
      db = RocksDB.open(dbOptions, dir.toString(), descriptors, opened);
    } catch (RocksDBException e) {
      familyOptions.close();
      dbOptions.close();
      throw RocksErrors.toJuice("open " + dir, e);
    }
    Map<StoreFamily, ColumnFamilyHandle> handles = new EnumMap<>(StoreFamily.class);
    for (StoreFamily family : StoreFamily.values()) {
      handles.put(family, opened.get(names.indexOf(family.dbName())));
    }
    LocalStore store = new LocalStore(dir, limits, dbOptions, familyOptions, db, List.copyOf(opened), handles);
    LOG.info("[Storage] opened store at {} ({} families, {} bytes on disk) in {} ms", dir, names.size(),
      store.disk.sizeOnDiskBytes(), (System.nanoTime() - start) / 1_000_000);
    return store;
  }

  /** RocksDB's default family, ours, and any family already on disk (RocksDB refuses to open without them). */
  private static List<String> familyNames(Path dir) {
    Set<String> names = new LinkedHashSet<>();
    names.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8));
    for (StoreFamily family : StoreFamily.values()) {
      names.add(family.dbName());
    }
    if (Files.exists(dir.resolve("CURRENT"))) {
      try (Options listing = new Options()) {
        RocksDB.listColumnFamilies(listing, dir.toString()).forEach(n -> names.add(new String(n, StandardCharsets.UTF_8)));
      } catch (RocksDBException e) {
        throw RocksErrors.toJuice("list families of " + dir, e);
      }
    }
    return List.copyOf(names);
  }

  // ---- writes ------------------------------------------------------------------------------

  public CompletableFuture<WriteResult> put(StoreFamily family, byte[] key, byte[] value, boolean sync) {
    return write(List.of(WriteOp.put(family, key, value)), sync, false);
  }

  /** Puts a protobuf record (its serialized form). */
  public CompletableFuture<WriteResult> putMessage(StoreFamily family, byte[] key, Message value, boolean sync) {
    return put(family, key, value == null ? null : value.toByteArray(), sync);
  }

  public CompletableFuture<WriteResult> delete(StoreFamily family, byte[] key, boolean sync) {
    return write(List.of(WriteOp.delete(family, key)), sync, false);
  }

  /**
   * Deletes every key of {@code family}, atomically (one range deletion up to a bound above every
   * key of at most storage.maxKeyBytes; keys longer than that can only exist if the limit was lowered).
   */
  public CompletableFuture<WriteResult> clear(StoreFamily family, boolean sync) {
    return write(List.of(WriteOp.clear(family)), sync, false);
  }

  /** Applies all {@code ops} atomically (one protocol step = one batch): all of them or none. */
  public CompletableFuture<WriteResult> batch(List<WriteOp> ops, boolean sync) {
    return write(ops, sync, true);
  }

  private CompletableFuture<WriteResult> write(List<WriteOp> ops, boolean sync, boolean explicitBatch) {
    long bytes;
    try {
      if (closing.get()) {
        throw closedError();
      }
      bytes = limits.checkBatch(ops);
    } catch (JuiceException e) {
      counters.failed(e);
      return CompletableFuture.failedFuture(e);
    }
    if (sync) {
      CompletableFuture<WriteResult> result = new CompletableFuture<>();
      committer.submit(ops).whenComplete((ignored, failure) -> {
        if (failure == null) {
          writeSucceeded(ops, explicitBatch);
          result.complete(new WriteResult(bytes, true));
        } else {
          JuiceException error = asJuice(failure);
          writeFailed(error);
          result.completeExceptionally(error);
        }
      });
      return result;
    }
    try {
      onDb("write", true, () -> {
        try (WriteBatch batch = toWriteBatch(List.of(ops))) {
          db.write(unsyncedWrite, batch);
        }
        return null;
      });
    } catch (JuiceException e) {
      writeFailed(e);
      return CompletableFuture.failedFuture(e);
    }
    writeSucceeded(ops, explicitBatch);
    return CompletableFuture.completedFuture(new WriteResult(bytes, false));
  }

  /** The commit thread's writer: all requests of the group in one WriteBatch, one fsync. */
  private void writeGroup(List<List<WriteOp>> group) {
    // accepted before close(): still written while the store closes
    onDb("synced write", false, () -> {
      try (WriteBatch batch = toWriteBatch(group)) {
        db.write(syncedWrite, batch);
      }
      return null;
    });
  }

  private WriteBatch toWriteBatch(List<List<WriteOp>> requests) throws RocksDBException {
    WriteBatch batch = new WriteBatch();
    try {
      for (List<WriteOp> ops : requests) {
        for (WriteOp op : ops) {
          ColumnFamilyHandle handle = handles.get(op.family());
          switch (op.kind()) {
            case PUT -> batch.put(handle, op.key(), op.value());
            case DELETE -> batch.delete(handle, op.key());
            case CLEAR -> batch.deleteRange(handle, new byte[0], clearEnd);
            default -> throw new IllegalStateException("unknown write kind " + op.kind());
          }
        }
      }
      return batch;
    } catch (RocksDBException | RuntimeException e) {
      batch.close();
      throw e;
    }
  }

  private void writeSucceeded(List<WriteOp> ops, boolean explicitBatch) {
    counters.wrote(ops);
    if (explicitBatch) {
      counters.batches.increment();
    }
    lastWriteIoError = null;
  }

  private void writeFailed(JuiceException error) {
    counters.failed(error);
    if (RocksErrors.isIoError(error)) {
      lastWriteIoError = error.getMessage();
    }
  }

  // ---- reads -------------------------------------------------------------------------------

  /** The value under {@code key}, if any. */
  public Optional<byte[]> get(StoreFamily family, byte[] key) {
    return counted(() -> {
      limits.checkFamily(family);
      limits.checkKey(key);
      byte[] value = onDb("get", true, () -> db.get(handles.get(family), key));
      counters.reads.increment();
      if (value != null) {
        counters.read(family, value.length);
      }
      return Optional.ofNullable(value);
    });
  }

  /**
   * The protobuf record under {@code key}, if any. A stored value that does not parse fails with
   * DATA_CORRUPTION: the record was damaged or written by something else.
   */
  public <T extends Message> Optional<T> getMessage(StoreFamily family, byte[] key, Parser<T> parser) {
    Optional<byte[]> raw = get(family, key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.parseFrom(raw.get()));
    } catch (InvalidProtocolBufferException e) {
      JuiceException error = new JuiceException(ErrorCode.DATA_CORRUPTION,
        "undecodable record in " + family.dbName() + " (key " + hex(key) + "): " + e.getMessage(), e);
      counters.failed(error);
      throw error;
    }
  }

  /**
   * Entries whose key starts with {@code prefix} (empty: all), in key order: at most {@code limit}
   * (1..storage.maxScanEntries), and no more once about storage.maxValueBytes are collected.
   */
  public ScanResult scan(StoreFamily family, byte[] prefix, int limit) {
    return counted(() -> {
      limits.checkFamily(family);
      byte[] from = prefix == null ? new byte[0] : prefix;
      limits.checkScan(from, limit);
      ScanResult result = onDb("scan", true, () -> {
        List<ScanResult.Entry> entries = new ArrayList<>();
        long bytes = 0;
        boolean truncated = false;
        try (RocksIterator it = db.newIterator(handles.get(family))) {
          for (it.seek(from); it.isValid(); it.next()) {
            byte[] key = it.key();
            if (!startsWith(key, from)) {
              break;
            }
            if (entries.size() >= limit || bytes >= limits.maxValueBytes()) {
              truncated = true;
              break;
            }
            byte[] value = it.value();
            entries.add(new ScanResult.Entry(key, value));
            bytes += key.length + value.length;
          }
          it.status();
        }
        counters.read(family, bytes);
        return new ScanResult(entries, truncated);
      });
      counters.scans.increment();
      return result;
    });
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
    return Optional.ofNullable(lastWriteIoError);
  }

  /** Disk figures as last measured (cheap: for gauges). */
  public DiskFigures diskFigures() {
    return disk;
  }

  /** Measures the disk figures again (walks the store directory). */
  public DiskFigures refreshDiskFigures() {
    disk = DiskFigures.measure(path);
    return disk;
  }

  public long bytesWritten(StoreFamily family) {
    return counters.bytesWritten(family);
  }

  public long bytesRead(StoreFamily family) {
    return counters.bytesRead(family);
  }

  /** fsyncs performed by group commit. */
  public long syncs() {
    return committer.syncs();
  }

  /** Write requests acknowledged after an fsync. */
  public long syncedWrites() {
    return committer.committed();
  }

  /** All figures, with the disk figures measured now and per-family estimates (blocking). Works on a closed store too. */
  public StorageStats stats() {
    StorageStats.Builder stats = counterStats(refreshDiskFigures());
    if (isOpen()) {
      try {
        onDb("stats", true, () -> {
          for (StoreFamily family : StoreFamily.values()) {
            ColumnFamilyHandle handle = handles.get(family);
            stats.addFamilies(FamilyStats.newBuilder()
              .setName(family.dbName())
              .setEstimatedKeys(db.getLongProperty(handle, "rocksdb.estimate-num-keys"))
              .setLiveDataBytes(db.getLongProperty(handle, "rocksdb.estimate-live-data-size")
                + db.getLongProperty(handle, "rocksdb.cur-size-all-mem-tables")));
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
  public StorageStats snapshot() {
    return counterStats(disk).build();
  }

  private StorageStats.Builder counterStats(DiskFigures figures) {
    return StorageStats.newBuilder()
      .setOpen(isOpen())
      .setPath(path.toString())
      .setSizeOnDiskBytes(figures.sizeOnDiskBytes())
      .setDiskFreeBytes(figures.diskFreeBytes())
      .setReads(counters.reads.sum())
      .setWrites(counters.writes.sum())
      .setDeletes(counters.deletes.sum())
      .setBatches(counters.batches.sum())
      .setScans(counters.scans.sum())
      .setSyncs(committer.syncs())
      .setSyncedWrites(committer.committed())
      .setBytesWritten(counters.totalBytesWritten())
      .setBytesRead(counters.totalBytesRead())
      .setErrors(counters.errors.sum())
      .setLastError(counters.lastError());
  }

  /**
   * Closes the store: new calls fail with UNAVAILABLE, synced writes already queued are still
   * committed, unsynced ones are synced to disk, then RocksDB is closed. Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    committer.close();
    Lock write = lock.writeLock();
    write.lock();
    try {
      try {
        db.syncWal();
      } catch (RocksDBException e) {
        LOG.warn("[Storage] could not sync the WAL while closing {}: {}", path, e.getMessage());
      }
      openHandles.forEach(ColumnFamilyHandle::close);
      db.close();
      dbOpen = false;
    } finally {
      write.unlock();
    }
    unsyncedWrite.close();
    syncedWrite.close();
    familyOptions.close();
    dbOptions.close();
    LOG.info("[Storage] closed store at {}", path);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** Runs {@code work} on the open DB; {@code rejectWhenClosing} = false lets queued commits finish during close. */
  private <R> R onDb(String operation, boolean rejectWhenClosing, DbWork<R> work) {
    Lock read = lock.readLock();
    read.lock();
    try {
      if (!dbOpen || (rejectWhenClosing && closing.get())) {
        throw closedError();
      }
      return work.run();
    } catch (RocksDBException e) {
      throw RocksErrors.toJuice(operation, e);
    } finally {
      read.unlock();
    }
  }

  private <R> R counted(Supplier<R> work) {
    try {
      return work.get();
    } catch (JuiceException e) {
      counters.failed(e);
      throw e;
    }
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static JuiceException asJuice(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof JuiceException je ? je : JuiceException.internal("synced write failed: " + cause, cause);
  }

  private static JuiceException closedError() {
    return JuiceException.unavailable("store closed", null);
  }

  /** A key for messages: hex, at most 16 bytes of it. */
  static String hex(byte[] key) {
    if (key == null) {
      return "-";
    }
    String hex = HexFormat.of().formatHex(key, 0, Math.min(key.length, 16));
    return key.length > 16 ? hex + "…" : hex;
  }
}
