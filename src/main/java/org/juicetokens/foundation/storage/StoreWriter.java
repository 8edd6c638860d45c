package org.juicetokens.foundation.storage;

import org.juicetokens.common.JuiceException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * The store's write path, on its own so that the durability rule is in one place: every write
 * request is checked whole first, then becomes one atomic WriteBatch. An unsynced request is
 * applied on the calling thread; a synced one is handed to the {@link GroupCommitter}, which
 * writes and fsyncs many requests at once, and is acknowledged (and visible) only after that
 * fsync. Also remembers the last write's I/O failure, which storage health reports.
 */
final class StoreWriter implements AutoCloseable {
  private final StoreValidation validation;
  private final StoreCounters counters;
  private final BooleanSupplier open;
  private final DbAccess db;
  /** Greater than every acceptable key: the exclusive end of the range a clear deletes. */
  private final byte[] clearEnd;
  private final GroupCommitter<List<WriteOp>> committer;
  private volatile String lastWriteIoError;

  StoreWriter(StoreLimits limits, StoreCounters counters, BooleanSupplier open, DbAccess db) {
    this.validation = new StoreValidation(limits);
    this.counters = counters;
    this.open = open;
    this.db = db;
    this.clearEnd = new byte[limits.maxKeyBytes() + 1];
    Arrays.fill(clearEnd, (byte) 0xFF);
    this.committer = new GroupCommitter<>("juice-storage-commit", limits.groupCommitMaxWrites(), limits.maxValueBytes(),
      ops -> ops.stream().mapToLong(WriteOp::bytes).sum(), this::writeGroup);
  }

  /** Writes {@code ops} atomically; {@code explicitBatch} counts it as a batch in the figures. */
  CompletableFuture<WriteResult> write(List<WriteOp> ops, boolean sync, boolean explicitBatch) {
    long bytes;
    try {
      if (!open.getAsBoolean()) {
        throw RocksErrors.storeClosed();
      }
      bytes = validation.checkBatch(ops);
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
      db.onDb("write", true, rocks -> {
        try (WriteBatch batch = toWriteBatch(rocks, List.of(ops))) {
          rocks.db().write(rocks.unsyncedWrite(), batch);
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
    db.onDb("synced write", false, rocks -> {
      try (WriteBatch batch = toWriteBatch(rocks, group)) {
        rocks.db().write(rocks.syncedWrite(), batch);
      }
      return null;
    });
  }

  private WriteBatch toWriteBatch(NativeDb rocks, List<List<WriteOp>> requests) throws RocksDBException {
    WriteBatch batch = new WriteBatch();
    try {
      for (List<WriteOp> ops : requests) {
        for (WriteOp op : ops) {
          ColumnFamilyHandle handle = rocks.handle(op.family());
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

  private static JuiceException asJuice(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof JuiceException je ? je : JuiceException.internal("synced write failed: " + cause, cause);
  }

  /** The message of the last write's I/O failure, empty once a later write succeeded. */
  Optional<String> lastWriteIoError() {
    return Optional.ofNullable(lastWriteIoError);
  }

  /** fsyncs performed by group commit. */
  long syncs() {
    return committer.syncs();
  }

  /** Write requests acknowledged after an fsync. */
  long syncedWrites() {
    return committer.committed();
  }

  /** Commits the synced writes already queued and fails later ones; returns once the commit thread has ended. */
  @Override
  public void close() {
    committer.close();
  }
}
