package org.juicetokens.foundation.storage;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Maps RocksDB failures to the error contract, once: corruption is DATA_CORRUPTION (the data
 * cannot be trusted, retrying will not help); everything else (I/O errors, a full disk, a
 * locked directory, shutdown) is UNAVAILABLE (the store cannot serve now). A closed store is
 * UNAVAILABLE too, with one message whichever part notices it.
 */
final class RocksErrors {
  private RocksErrors() {
  }

  static JuiceException toJuice(String operation, RocksDBException e) {
    Status.Code code = code(e);
    if (code == Status.Code.Corruption) {
      return new JuiceException(ErrorCode.DATA_CORRUPTION, "store corrupted (" + operation + "): " + e.getMessage(), e);
    }
    String what = isNoSpace(e) ? "disk full" : code == Status.Code.IOError ? "disk I/O error" : "store unavailable";
    return new JuiceException(ErrorCode.UNAVAILABLE, what + " (" + operation + "): " + e.getMessage(), e);
  }

  /** The failure of any call that reaches the store after close() began. */
  static JuiceException storeClosed() {
    return JuiceException.unavailable("store closed", null);
  }

  /** I/O failures (including a full disk): the ones that make storage health DOWN. */
  static boolean isIoError(Throwable failure) {
    Throwable cause = failure instanceof JuiceException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof RocksDBException e && (code(e) == Status.Code.IOError || isNoSpace(e));
  }

  private static Status.Code code(RocksDBException e) {
    return e.getStatus() == null ? null : e.getStatus().getCode();
  }

  private static boolean isNoSpace(RocksDBException e) {
    return e.getStatus() != null && e.getStatus().getSubCode() == Status.SubCode.NoSpace;
  }
}
