package org.juicetokens.foundation.storage;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The store's read path, on its own so its bounds are in one place: a scan never returns more
 * than its limit or much more than storage.maxValueBytes, whatever the family holds, and a stored
 * record that does not decode is DATA_CORRUPTION, never a crash. Every failure is counted.
 */
final class StoreReader {
  private final StoreValidation validation;
  private final int maxScanBytes;
  private final StoreCounters counters;
  private final DbAccess db;

  StoreReader(StoreLimits limits, StoreCounters counters, DbAccess db) {
    this.validation = new StoreValidation(limits);
    this.maxScanBytes = limits.maxValueBytes();
    this.counters = counters;
    this.db = db;
  }

  Optional<byte[]> get(StoreFamily family, byte[] key) {
    return counted(() -> {
      validation.checkGet(family, key);
      byte[] value = db.onDb("get", true, rocks -> rocks.db().get(rocks.handle(family), key));
      counters.reads.increment();
      if (value != null) {
        counters.read(family, value.length);
      }
      return Optional.ofNullable(value);
    });
  }

  <T extends Message> Optional<T> getMessage(StoreFamily family, byte[] key, Parser<T> parser) {
    Optional<byte[]> raw = get(family, key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.parseFrom(raw.get()));
    } catch (InvalidProtocolBufferException e) {
      JuiceException error = new JuiceException(ErrorCode.DATA_CORRUPTION,
        "undecodable record in " + family.dbName() + " (key " + KeyText.hex(key) + "): " + e.getMessage(), e);
      counters.failed(error);
      throw error;
    }
  }

  ScanResult scan(StoreFamily family, byte[] prefix, int limit, byte[] startAfter) {
    return counted(() -> {
      byte[] from = validation.checkScan(family, prefix, limit);
      byte[] after = startAfter == null || startAfter.length == 0 ? null : startAfter;
      ScanResult result = db.onDb("scan", true, rocks -> {
        List<ScanResult.Entry> entries = new ArrayList<>();
        long bytes = 0;
        boolean truncated = false;
        try (RocksIterator it = rocks.db().newIterator(rocks.handle(family))) {
          for (it.seek(after != null && Arrays.compareUnsigned(after, from) > 0 ? after : from); it.isValid(); it.next()) {
            byte[] key = it.key();
            if (!startsWith(key, from)) {
              break;
            }
            if (after != null && Arrays.compareUnsigned(key, after) <= 0) {
              continue;
            }
            if (entries.size() >= limit || bytes >= maxScanBytes) {
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
}
