package org.juicetokens.foundation.storage;

import org.rocksdb.RocksDBException;

/**
 * The one way the read, write and statistics paths reach RocksDB: {@link LocalStore} runs the
 * work under its read lock and only while the DB is open, so no call touches a freed native
 * handle, and RocksDB failures are mapped to the error contract ({@link RocksErrors}) in one place.
 * The parts never hold the {@link NativeDb} themselves; they get it for the length of one call.
 */
@FunctionalInterface
interface DbAccess {

  /**
   * Runs {@code work} on the open DB, or fails with UNAVAILABLE when it is closed;
   * {@code rejectWhenClosing} = false lets commits accepted before close() still finish.
   */
  <R> R onDb(String operation, boolean rejectWhenClosing, Work<R> work);

  /** Work on the native DB, valid only for the duration of the call. */
  @FunctionalInterface
  interface Work<R> {
    R run(NativeDb rocks) throws RocksDBException;
  }
}
