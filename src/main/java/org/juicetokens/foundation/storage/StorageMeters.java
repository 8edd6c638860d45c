package org.juicetokens.foundation.storage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * Storage figures beyond the per-operation timers of Instrumented. Labels are bounded: only
 * {@code family} (a {@link StoreFamily} name). Every meter reads the store's own counters, so
 * nothing is counted twice; {@link #close} removes them (a redeployed store registers afresh).
 */
final class StorageMeters implements AutoCloseable {
  static final String BYTES_WRITTEN = "juice.storage.bytes.written";
  static final String BYTES_READ = "juice.storage.bytes.read";
  static final String SIZE = "juice.storage.size.bytes";
  static final String DISK_FREE = "juice.storage.disk.free.bytes";
  static final String SYNCS = "juice.storage.syncs";
  static final String SYNCED_WRITES = "juice.storage.synced.writes";
  static final String OPEN = "juice.storage.open";

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();

  StorageMeters(MeterRegistry registry, LocalStore store) {
    this.registry = registry;
    for (StoreFamily family : StoreFamily.values()) {
      meters.add(FunctionCounter.builder(BYTES_WRITTEN, store, s -> s.bytesWritten(family))
        .description("Key and value bytes written to the local store").tag("family", family.dbName()).register(registry));
      meters.add(FunctionCounter.builder(BYTES_READ, store, s -> s.bytesRead(family))
        .description("Key and value bytes read from the local store").tag("family", family.dbName()).register(registry));
    }
    meters.add(Gauge.builder(SIZE, store, s -> s.diskFigures().sizeOnDiskBytes())
      .description("Bytes the local store takes on disk").register(registry));
    meters.add(Gauge.builder(DISK_FREE, store, s -> s.diskFigures().diskFreeBytes())
      .description("Usable bytes left on the local store's disk").register(registry));
    meters.add(FunctionCounter.builder(SYNCS, store, LocalStore::syncs)
      .description("fsyncs of the local store (one per commit group)").register(registry));
    meters.add(FunctionCounter.builder(SYNCED_WRITES, store, LocalStore::syncedWrites)
      .description("Synced write requests acknowledged (many share one fsync)").register(registry));
    meters.add(Gauge.builder(OPEN, store, s -> s.isOpen() ? 1 : 0)
      .description("1 while the local store is open").register(registry));
  }

  @Override
  public void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }
}
