package org.juicetokens.foundation.storage;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.foundation.storage.proto.StorageStats;
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
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class StorageVerticleTest {
  private static final long TIMEOUT_MS = 10_000;

  @TempDir
  Path dir;
  private NodeContext node;
  private String deploymentId;

  private NodeContext context(Vertx vertx, String nodeId, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of("node.id", nodeId, "node.dataDir", dir.toString(),
      "storage.maxKeyBytes", "64", "storage.maxValueBytes", "4096"));
    settings.putAll(extra);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return new NodeContext(NodeConfig.of(settings), registry, new Instrumented(registry, new OperationStats(), nodeId),
      HealthChecks.create(vertx), null);
  }

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    ProtobufCodec.register(vertx.eventBus());
    node = context(vertx, "s1", Map.of());
    vertx.deployVerticle(new StorageVerticle(node)).onComplete(ctx.succeeding(id -> {
      deploymentId = id;
      ctx.completeNow();
    }));
  }

  private static <R extends Message> Future<R> request(Vertx vertx, String address, Message body, Class<R> type) {
    return Bus.request(vertx.eventBus(), address, body, TIMEOUT_MS, type);
  }

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void synced_put_then_get_over_the_bus(Vertx vertx, VertxTestContext ctx) {
    request(vertx, Addresses.STORAGE_PUT, StorePut.newBuilder().setFamily("tokens").setKey(b("t1")).setValue(b("token one")).setSync(true).build(), StoreAck.class)
      .compose(ack -> {
        ctx.verify(() -> assertThat(ack.getSynced()).isTrue());
        return request(vertx, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily("tokens").setKey(b("t1")).build(), StoreValue.class);
      })
      .compose(found -> {
        ctx.verify(() -> assertThat(found.getFound()).isTrue());
        ctx.verify(() -> assertThat(found.getValue().toStringUtf8()).isEqualTo("token one"));
        return request(vertx, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily("tokens").setKey(b("t2")).build(), StoreValue.class);
      })
      .onComplete(ctx.succeeding(missing -> ctx.verify(() -> {
        assertThat(missing.getFound()).isFalse();
        ctx.completeNow();
      })));
  }

  @Test
  void batch_then_scan_delete_and_clear_over_the_bus(Vertx vertx, VertxTestContext ctx) {
    StoreBatch batch = StoreBatch.newBuilder().setSync(true)
      .addWrites(StoreWrite.newBuilder().setFamily("wal").setKey(b("tx/1")).setValue(b("PREPARED")))
      .addWrites(StoreWrite.newBuilder().setFamily("wal").setKey(b("tx/2")).setValue(b("COMMITTED")))
      .addWrites(StoreWrite.newBuilder().setFamily("wal").setKey(b("tx/3")).setValue(b("ABORTED")))
      .addWrites(StoreWrite.newBuilder().setFamily("tokens").setKey(b("t")).setValue(b("moved")))
      .build();
    request(vertx, Addresses.STORAGE_BATCH, batch, StoreAck.class)
      .compose(ack -> request(vertx, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily("wal").setPrefix(b("tx/")).setLimit(2).build(), StoreScanResult.class))
      .compose(scan -> {
        ctx.verify(() -> {
          assertThat(scan.getEntriesList()).extracting(e -> e.getKey().toStringUtf8()).containsExactly("tx/1", "tx/2");
          assertThat(scan.getTruncated()).isTrue();
        });
        return request(vertx, Addresses.STORAGE_DELETE, StoreDelete.newBuilder().setFamily("wal").setKey(b("tx/1")).build(), StoreAck.class);
      })
      .compose(ack -> request(vertx, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily("wal").build(), StoreScanResult.class))
      .compose(scan -> {
        ctx.verify(() -> assertThat(scan.getEntriesList()).extracting(e -> e.getKey().toStringUtf8()).containsExactly("tx/2", "tx/3"));
        return request(vertx, Addresses.STORAGE_CLEAR, StoreClear.newBuilder().setFamily("wal").setSync(true).build(), StoreAck.class);
      })
      .compose(ack -> request(vertx, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily("wal").build(), StoreScanResult.class))
      .compose(scan -> {
        ctx.verify(() -> assertThat(scan.getEntriesList()).isEmpty());
        return request(vertx, Addresses.STORAGE_STATS, StorageStatsRequest.getDefaultInstance(), StorageStats.class);
      })
      .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
        assertThat(stats.getOpen()).isTrue();
        assertThat(stats.getBatches()).isEqualTo(1);
        assertThat(stats.getWrites()).isEqualTo(4);
        assertThat(stats.getDeletes()).isEqualTo(2);
        assertThat(stats.getScans()).isEqualTo(3);
        assertThat(stats.getFamiliesCount()).isEqualTo(StoreFamily.values().length);
        ctx.completeNow();
      })));
  }

  @Test
  void bad_input_fails_with_the_invalid_argument_wire_code(Vertx vertx, VertxTestContext ctx) {
    DeliveryOptions timeout = new DeliveryOptions().setSendTimeout(TIMEOUT_MS);
    Map<String, Message> badRequests = Map.of(
      "empty key", StorePut.newBuilder().setFamily("kv").setValue(b("v")).build(),
      "unknown family", StorePut.newBuilder().setFamily("nope").setKey(b("k")).setValue(b("v")).build(),
      "oversize value", StorePut.newBuilder().setFamily("kv").setKey(b("k")).setValue(ByteString.copyFrom(new byte[4097])).build(),
      "oversize key", StorePut.newBuilder().setFamily("kv").setKey(ByteString.copyFrom(new byte[65])).setValue(b("v")).setSync(true).build(),
      "wrong message type", StoreGet.newBuilder().setFamily("kv").setKey(b("k")).build());
    var checkpoint = ctx.checkpoint(badRequests.size() + 1);
    badRequests.forEach((what, body) -> vertx.eventBus().request(Addresses.STORAGE_PUT, body, timeout)
      .onComplete(ctx.failing(failure -> ctx.verify(() -> {
        assertThat(failure).as(what).isInstanceOf(ReplyException.class);
        assertThat(((ReplyException) failure).failureCode()).as(what).isEqualTo(ErrorCode.INVALID_ARGUMENT.wireCode());
        checkpoint.flag();
      }))));
    StoreBatch halfBad = StoreBatch.newBuilder()
      .addWrites(StoreWrite.newBuilder().setFamily("kv").setKey(b("good")).setValue(b("v")))
      .addWrites(StoreWrite.newBuilder().setFamily("kv").setValue(b("no key")))
      .build();
    request(vertx, Addresses.STORAGE_BATCH, halfBad, StoreAck.class)
      .transform(ar -> {
        ctx.verify(() -> {
          assertThat(ar.failed()).as("a batch with an empty key is refused").isTrue();
          assertThat(((JuiceException) ar.cause()).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        });
        return request(vertx, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily("kv").setKey(b("good")).build(), StoreValue.class);
      })
      .onComplete(ctx.succeeding(good -> ctx.verify(() -> {
        assertThat(good.getFound()).as("nothing of a refused batch is written").isFalse();
        checkpoint.flag();
      })));
  }

  @Test
  void operations_are_timed_and_bytes_metered_by_family(Vertx vertx, VertxTestContext ctx) {
    request(vertx, Addresses.STORAGE_PUT, StorePut.newBuilder().setFamily("kv").setKey(b("k")).setValue(b("12345")).setSync(true).build(), StoreAck.class)
      .compose(ack -> request(vertx, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily("kv").setKey(b("k")).build(), StoreValue.class))
      .compose(v -> request(vertx, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily("kv").build(), StoreValue.class)
        .transform(ar -> Future.succeededFuture(v)))
      .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
        String scrape = node.registry().scrape();
        assertThat(scrape).containsPattern("juice_storage_bytes_written_total\\{family=\"kv\"[^}]*} 6\\.0");
        assertThat(scrape).containsPattern("juice_storage_bytes_read_total\\{family=\"kv\"[^}]*} 5\\.0");
        assertThat(scrape).containsPattern("juice_storage_syncs_total(\\{[^}]*})? 1\\.0");
        assertThat(scrape).contains("juice_storage_size_bytes", "juice_storage_disk_free_bytes", "juice_storage_open");
        assertThat(scrape).containsPattern("juice_operation_seconds_count\\{layer=\"storage\",operation=\"put\",outcome=\"ok\"[^}]*} 1");
        assertThat(scrape).containsPattern("juice_operation_errors_total\\{error=\"INVALID_ARGUMENT\",layer=\"storage\",operation=\"get\"[^}]*} 1\\.0");
        ctx.completeNow();
      })));
  }

  @Test
  void health_is_up_with_data_describing_the_store(VertxTestContext ctx) {
    node.health().checkStatus("storage").onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertThat(result.getUp()).isTrue();
      assertThat(result.getData().getString("path")).isEqualTo(dir.resolve("s1").resolve("store").toString());
      assertThat(result.getData().fieldNames()).contains("sizeOnDiskBytes", "diskFreeBytes", "reads", "writes", "errors", "syncs", "operations");
      assertThat(result.getData().getLong("sizeOnDiskBytes")).isPositive();
      ctx.completeNow();
    })));
  }

  @Test
  void health_is_down_and_requests_unavailable_once_the_store_is_closed(Vertx vertx, VertxTestContext ctx) {
    vertx.undeploy(deploymentId)
      .compose(v -> node.health().checkStatus("storage"))
      .compose(result -> {
        ctx.verify(() -> {
          assertThat(result.getUp()).isFalse();
          assertThat(result.getData().getBoolean("open")).isFalse();
          assertThat(result.getData().getString("reason")).isEqualTo("store closed");
        });
        return request(vertx, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily("kv").setKey(b("k")).build(), StoreValue.class);
      })
      .onComplete(ctx.failing(failure -> ctx.verify(() -> {
        assertThat(((JuiceException) failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(node.registry().find(StorageMeters.SIZE).meters()).as("meters removed with the store").isEmpty();
        ctx.completeNow();
      })));
  }

  @Test
  void health_is_down_when_disk_free_falls_below_the_minimum(Vertx vertx, VertxTestContext ctx) {
    NodeContext starved = context(vertx, "s2", Map.of("storage.minFreeBytes", String.valueOf(Long.MAX_VALUE)));
    vertx.deployVerticle(new StorageVerticle(starved))
      .compose(id -> starved.health().checkStatus("storage"))
      .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
        assertThat(result.getUp()).isFalse();
        assertThat(result.getData().getBoolean("open")).isTrue();
        assertThat(result.getData().getString("reason")).startsWith("disk almost full");
        ctx.completeNow();
      })));
  }
}
