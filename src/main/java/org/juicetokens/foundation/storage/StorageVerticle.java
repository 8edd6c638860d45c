package org.juicetokens.foundation.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.storage.proto.StorageStatsRequest;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreClear;
import org.juicetokens.foundation.storage.proto.StoreDelete;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StorePut;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.governance.health.Threshold;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.Settings;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Serves the node's {@link LocalStore} on the node-local Addresses.STORAGE_* addresses. Wiring
 * only: blocking calls run on the bounded "juice-storage" worker pool; a synced write holds no
 * worker while it waits for its group's fsync. Registers the "storage" health procedure, which
 * stays registered after stop() and then reports DOWN (the node has no store any more); it
 * answers from figures kept in memory, refreshed every storage.statsIntervalMs on the pool.
 */
public final class StorageVerticle extends VerticleBase {
  private final NodeContext node;
  private LocalStore store;
  private WorkerExecutor executor;
  private StorageMeters meters;
  private long statsTimer = -1;

  public StorageVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    executor = vertx.createSharedWorkerExecutor("juice-storage", node.config().integer(Settings.STORAGE_WORKERS));
    return blocking(() -> LocalStore.open(node.config())).compose(opened -> {
      store = opened;
      meters = new StorageMeters(node.registry(), opened);
      node.health().register("storage", promise -> checkHealth(opened, promise));
      blocking(() -> {
        opened.refreshFigures();
        return null;
      });
      statsTimer = vertx.setPeriodic(node.config().longValue(Settings.STORAGE_STATS_MS), id -> blocking(() -> {
        opened.refreshFigures();
        return null;
      }));
      EventBus bus = vertx.eventBus();
      return Future.join(List.of(
        Bus.serveLocal(bus, Addresses.STORAGE_PUT, StorePut.class, this::put).completion(),
        Bus.serveLocal(bus, Addresses.STORAGE_GET, StoreGet.class, this::get).completion(),
        Bus.serveLocal(bus, Addresses.STORAGE_DELETE, StoreDelete.class, this::delete).completion(),
        Bus.serveLocal(bus, Addresses.STORAGE_SCAN, StoreScan.class, this::scan).completion(),
        Bus.serveLocal(bus, Addresses.STORAGE_CLEAR, StoreClear.class, this::clear).completion(),
        Bus.serveLocal(bus, Addresses.STORAGE_BATCH, StoreBatch.class, this::batch).completion(),
        Bus.serveLocal(bus, Addresses.STORAGE_STATS, StorageStatsRequest.class, r -> op("stats", "", () -> blocking(store::stats))).completion()));
    }).recover(failure -> stop().transform(ignored -> Future.failedFuture(failure)));
  }

  private Future<StoreAck> put(StorePut r) {
    return op("put", StorageProtos.detail(r.getFamily(), r.getKey(), r.getValue().size(), r.getSync()),
      () -> write(() -> store.put(StoreFamily.of(r.getFamily()), r.getKey().toByteArray(), r.getValue().toByteArray(), r.getSync())));
  }

  private Future<StoreValue> get(StoreGet r) {
    return op("get", StorageProtos.detail(r.getFamily(), r.getKey(), -1, false),
      () -> blocking(() -> StorageProtos.value(store.get(StoreFamily.of(r.getFamily()), r.getKey().toByteArray()))));
  }

  private Future<StoreAck> delete(StoreDelete r) {
    return op("delete", StorageProtos.detail(r.getFamily(), r.getKey(), -1, r.getSync()),
      () -> write(() -> store.delete(StoreFamily.of(r.getFamily()), r.getKey().toByteArray(), r.getSync())));
  }

  private Future<StoreScanResult> scan(StoreScan r) {
    // limit 0 (the proto default) asks for as many as allowed
    int limit = r.getLimit() == 0 ? store.limits().maxScanEntries() : r.getLimit();
    return op("scan", StorageProtos.detail(r.getFamily(), r.getPrefix(), -1, false),
      () -> blocking(() -> StorageProtos.scan(store.scan(StoreFamily.of(r.getFamily()), r.getPrefix().toByteArray(), limit,
        r.getStartAfter().toByteArray()))));
  }

  private Future<StoreAck> clear(StoreClear r) {
    return op("clear", StorageProtos.detail(r.getFamily(), null, -1, r.getSync()),
      () -> write(() -> store.clear(StoreFamily.of(r.getFamily()), r.getSync())));
  }

  private Future<StoreAck> batch(StoreBatch r) {
    return op("batch", "writes=" + r.getWritesCount() + " sync=" + r.getSync(),
      () -> write(() -> store.batch(StorageProtos.writes(r.getWritesList()), r.getSync())));
  }

  private <T> Future<T> op(String operation, String detail, Supplier<Future<T>> work) {
    return node.instrumented().run(Layer.STORAGE, operation, detail, work);
  }

  /** Starts the write on a worker; a synced one then waits for its fsync on the commit thread, not on the worker. */
  private Future<StoreAck> write(Callable<CompletableFuture<WriteResult>> start) {
    return blocking(start).compose(pending -> Future.fromCompletionStage(pending, context)).map(StorageProtos::ack);
  }

  private <T> Future<T> blocking(Callable<T> work) {
    // unordered: independent requests run in parallel on the pool
    return executor.executeBlocking(work, false);
  }

  /**
   * Answers from memory (counters, and the disk and compaction figures the stats timer keeps on the
   * worker pool): the check stays fast even when every storage worker is busy.
   */
  private void checkHealth(LocalStore current, Promise<Status> promise) {
    StorageHealth health = StorageHealth.of(current.snapshot(), current.diskFigures(), node.config().longValue(Settings.STORAGE_MIN_FREE),
      current.lastWriteIoError(), current.pendingCompactionBytes(),
      Threshold.degradedOnly(node.config().longValue(Settings.HEALTH_PENDING_COMPACTION_BYTES)));
    health.data().put("operations", node.instrumented().stats().layerTotals(Layer.STORAGE));
    promise.complete(health.toStatus());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(statsTimer);
    if (meters != null) {
      meters.close();
    }
    LocalStore closing = store;
    Future<?> closed = closing == null ? Future.succeededFuture() : blocking(() -> {
      closing.close();
      return null;
    });
    return closed.eventually(() -> executor.close());
  }
}
