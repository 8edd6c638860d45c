package org.juicetokens.foundation.storage;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.foundation.storage.StoreTesting.bytes;

class StoreValidationTest {
  private final StoreValidation validation = new StoreValidation(new StoreLimits(4, 8, 16, 10));

  @Test
  void a_valid_batch_returns_the_bytes_it_writes() {
    long bytes = validation.checkBatch(List.of(
      WriteOp.put(StoreFamily.KV, bytes("ab"), bytes("12345678")),
      WriteOp.delete(StoreFamily.KV, bytes("abcd")),
      WriteOp.clear(StoreFamily.EGGS)));

    assertThat(bytes).isEqualTo(2 + 8 + 4);
  }

  @Test
  void every_bad_write_of_a_batch_is_invalid_argument_with_its_reason() {
    assertInvalid(() -> validation.checkBatch(null), "empty batch: nothing to write");
    assertInvalid(() -> validation.checkBatch(List.of()), "empty batch: nothing to write");
    assertInvalid(() -> validation.checkBatch(Arrays.asList(WriteOp.clear(StoreFamily.KV), null)), "a write without a kind");
    assertInvalid(() -> validation.checkBatch(List.of(WriteOp.clear(null))), "missing store family");
    assertInvalid(() -> validation.checkBatch(List.of(WriteOp.delete(StoreFamily.KV, null))), "empty key");
    assertInvalid(() -> validation.checkBatch(List.of(WriteOp.put(StoreFamily.KV, bytes("abcde"), bytes("v")))),
      "key of 5 bytes exceeds storage.maxKeyBytes (4)");
    assertInvalid(() -> validation.checkBatch(List.of(WriteOp.put(StoreFamily.KV, bytes("k"), null))),
      "missing value (delete removes a key)");
    assertInvalid(() -> validation.checkBatch(List.of(WriteOp.put(StoreFamily.KV, bytes("k"), new byte[9]))),
      "value of 9 bytes exceeds storage.maxValueBytes (8)");
  }

  @Test
  void a_get_needs_a_family_and_a_key_within_the_limit() {
    validation.checkGet(StoreFamily.KV, bytes("abcd"));
    assertInvalid(() -> validation.checkGet(null, bytes("k")), "missing store family");
    assertInvalid(() -> validation.checkGet(StoreFamily.KV, new byte[0]), "empty key");
    assertInvalid(() -> validation.checkGet(StoreFamily.KV, bytes("abcde")), "key of 5 bytes exceeds storage.maxKeyBytes (4)");
  }

  @Test
  void a_scan_without_prefix_scans_everything_and_its_limit_is_bounded() {
    assertThat(validation.checkScan(StoreFamily.KV, null, 1)).isEmpty();
    assertThat(validation.checkScan(StoreFamily.KV, bytes("ab"), 10)).isEqualTo(bytes("ab"));
    assertInvalid(() -> validation.checkScan(StoreFamily.KV, bytes("abcde"), 1), "prefix of 5 bytes exceeds storage.maxKeyBytes (4)");
    assertInvalid(() -> validation.checkScan(StoreFamily.KV, null, 0), "scan limit 0 outside 1..10 (storage.maxScanEntries)");
    assertInvalid(() -> validation.checkScan(StoreFamily.KV, null, 11), "scan limit 11 outside 1..10 (storage.maxScanEntries)");
    assertInvalid(() -> validation.checkScan(null, null, 1), "missing store family");
  }

  private static void assertInvalid(Runnable check, String message) {
    assertThatThrownBy(check::run)
      .isInstanceOf(JuiceException.class)
      .hasMessage(message)
      .satisfies(e -> assertThat(((JuiceException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
