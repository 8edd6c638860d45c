package org.juicetokens.foundation.storage;

import org.juicetokens.common.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.foundation.storage.StoreTesting.SMALL;
import static org.juicetokens.foundation.storage.StoreTesting.bytes;
import static org.juicetokens.foundation.storage.StoreTesting.done;
import static org.juicetokens.foundation.storage.StoreTesting.failureOf;

/**
 * The write path without RocksDB: a scripted {@link DbAccess} either accepts the write (without
 * running it) or fails it the way LocalStore maps a RocksDB failure; disk behaviour itself is
 * covered by LocalStoreTest.
 */
class StoreWriterTest {
  private final List<String> operations = new CopyOnWriteArrayList<>();
  private final AtomicReference<RocksDBException> nextFailure = new AtomicReference<>();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final StoreCounters counters = new StoreCounters();
  private final StoreWriter writer = new StoreWriter(SMALL, counters, open::get, new ScriptedDb());

  private final class ScriptedDb implements DbAccess {
    @Override
    public <R> R onDb(String operation, boolean rejectWhenClosing, Work<R> work) {
      operations.add(operation);
      RocksDBException failure = nextFailure.getAndSet(null);
      if (failure != null) {
        throw RocksErrors.toJuice(operation, failure);
      }
      return null;
    }
  }

  @AfterEach
  void close() {
    writer.close();
  }

  private static RocksDBException failure(Status.Code code) {
    return new RocksDBException("boom", new Status(code, Status.SubCode.None, "boom"));
  }

  @Test
  void an_io_failure_is_remembered_until_a_later_write_succeeds() {
    for (boolean sync : new boolean[] {false, true}) {
      nextFailure.set(failure(Status.Code.IOError));
      assertThat(failureOf(writer.write(List.of(WriteOp.put(StoreFamily.KV, bytes("k"), bytes("v"))), sync, false)))
        .isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(writer.lastWriteIoError()).hasValueSatisfying(m -> assertThat(m).startsWith("disk I/O error"));

      done(writer.write(List.of(WriteOp.put(StoreFamily.KV, bytes("k"), bytes("v"))), sync, false));
      assertThat(writer.lastWriteIoError()).isEmpty();
    }
    assertThat(operations).containsExactly("write", "write", "synced write", "synced write");
    assertThat(counters.errors.sum()).isEqualTo(2);
    assertThat(counters.writes.sum()).isEqualTo(2);
  }

  @Test
  void a_failure_other_than_io_is_counted_but_not_an_io_error() {
    nextFailure.set(failure(Status.Code.Corruption));

    assertThat(failureOf(writer.write(List.of(WriteOp.delete(StoreFamily.KV, bytes("k"))), true, false)))
      .isEqualTo(ErrorCode.DATA_CORRUPTION);
    assertThat(writer.lastWriteIoError()).isEmpty();
    assertThat(counters.errors.sum()).isEqualTo(1);
  }

  @Test
  void invalid_requests_and_requests_to_a_closed_store_never_reach_the_db() {
    assertThat(failureOf(writer.write(List.of(), true, true))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    open.set(false);
    assertThat(failureOf(writer.write(List.of(WriteOp.clear(StoreFamily.KV)), false, false))).isEqualTo(ErrorCode.UNAVAILABLE);

    assertThat(operations).isEmpty();
    assertThat(counters.errors.sum()).isEqualTo(2);
    assertThat(counters.lastError()).isEqualTo("store closed");
  }

  @Test
  void synced_writes_are_acknowledged_after_their_group_commit_and_batches_are_counted() {
    WriteResult result = done(writer.write(List.of(
      WriteOp.put(StoreFamily.WAL, bytes("tx"), bytes("1234")),
      WriteOp.delete(StoreFamily.TOKENS, bytes("t"))), true, true));

    assertThat(result).isEqualTo(new WriteResult(2 + 4 + 1, true));
    assertThat(writer.syncs()).isEqualTo(1);
    assertThat(writer.syncedWrites()).isEqualTo(1);
    assertThat(counters.batches.sum()).isEqualTo(1);
    assertThat(counters.deletes.sum()).isEqualTo(1);
  }
}
