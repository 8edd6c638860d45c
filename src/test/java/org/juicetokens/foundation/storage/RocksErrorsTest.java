package org.juicetokens.foundation.storage;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

import static org.assertj.core.api.Assertions.assertThat;

class RocksErrorsTest {

  private static RocksDBException failure(Status.Code code, Status.SubCode subCode) {
    return new RocksDBException("boom", new Status(code, subCode, "boom"));
  }

  @Test
  void corruption_is_data_corruption() {
    JuiceException e = RocksErrors.toJuice("get", failure(Status.Code.Corruption, Status.SubCode.None));
    assertThat(e.code()).isEqualTo(ErrorCode.DATA_CORRUPTION);
    assertThat(RocksErrors.isIoError(e)).isFalse();
  }

  @Test
  void a_full_disk_is_unavailable_and_an_io_error() {
    JuiceException e = RocksErrors.toJuice("write", failure(Status.Code.IOError, Status.SubCode.NoSpace));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.getMessage()).startsWith("disk full");
    assertThat(RocksErrors.isIoError(e)).isTrue();
  }

  @Test
  void other_failures_are_unavailable_but_not_io_errors() {
    JuiceException busy = RocksErrors.toJuice("write", failure(Status.Code.Busy, Status.SubCode.None));
    JuiceException noStatus = RocksErrors.toJuice("open", new RocksDBException("no status"));
    assertThat(busy.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(noStatus.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(RocksErrors.isIoError(busy)).isFalse();
    assertThat(RocksErrors.isIoError(noStatus)).isFalse();
    assertThat(RocksErrors.isIoError(JuiceException.invalidArgument("empty key"))).isFalse();
  }
}
