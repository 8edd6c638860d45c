package org.juicetokens.foundation.storage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store's running figures (lock-free, read by stats, health and the metrics): operations by
 * kind, bytes by family and direction, errors and the latest error message.
 */
final class StoreCounters {
  final LongAdder reads = new LongAdder();
  final LongAdder writes = new LongAdder();
  final LongAdder deletes = new LongAdder();
  final LongAdder batches = new LongAdder();
  final LongAdder scans = new LongAdder();
  final LongAdder errors = new LongAdder();
  private final Map<StoreFamily, LongAdder> bytesWritten = perFamily();
  private final Map<StoreFamily, LongAdder> bytesRead = perFamily();
  private volatile String lastError = "";

  private static Map<StoreFamily, LongAdder> perFamily() {
    Map<StoreFamily, LongAdder> map = new EnumMap<>(StoreFamily.class);
    for (StoreFamily family : StoreFamily.values()) {
      map.put(family, new LongAdder());
    }
    return map;
  }

  void wrote(List<WriteOp> ops) {
    for (WriteOp op : ops) {
      (op.kind() == WriteOp.Kind.PUT ? writes : deletes).increment();
      bytesWritten.get(op.family()).add(op.bytes());
    }
  }

  void read(StoreFamily family, long bytes) {
    bytesRead.get(family).add(bytes);
  }

  void failed(Throwable failure) {
    errors.increment();
    lastError = String.valueOf(failure.getMessage());
  }

  long bytesWritten(StoreFamily family) {
    return bytesWritten.get(family).sum();
  }

  long bytesRead(StoreFamily family) {
    return bytesRead.get(family).sum();
  }

  long totalBytesWritten() {
    return bytesWritten.values().stream().mapToLong(LongAdder::sum).sum();
  }

  long totalBytesRead() {
    return bytesRead.values().stream().mapToLong(LongAdder::sum).sum();
  }

  String lastError() {
    return lastError;
  }
}
