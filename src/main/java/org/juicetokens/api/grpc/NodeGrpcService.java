package org.juicetokens.api.grpc;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.healthchecks.HealthChecks;
import org.juicetokens.api.v1.DhtKeyRequest;
import org.juicetokens.api.v1.DhtPutBody;
import org.juicetokens.api.v1.NodeServiceService;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Errors;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtGetRequest;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.foundation.dht.proto.DhtRemoveRequest;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.juicetokens.foundation.dht.proto.DhtStatsRequest;
import org.juicetokens.foundation.dht.proto.DhtValue;
import org.juicetokens.foundation.dht.proto.DhtWriteResult;
import org.juicetokens.foundation.storage.proto.StorageStats;
import org.juicetokens.foundation.storage.proto.StorageStatsRequest;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.governance.health.HealthReport;
import org.juicetokens.governance.health.proto.HealthDetails;
import org.juicetokens.governance.health.proto.HealthDetailsRequest;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;

/**
 * {@code juicetokens.api.v1.NodeService}: each call is one request to the layer that owns the
 * answer (time, DHT, storage), by address and never by class, with the node's request timeout.
 * Failures leave as gRPC statuses carrying the ErrorCode name ({@link Errors#toGrpc}); the
 * HTTP/JSON routes call this same object and turn the status back into the ErrorCode.
 */
public final class NodeGrpcService extends NodeServiceService {
  private final EventBus bus;
  private final long timeoutMs;
  private final HealthChecks health;
  private final Instrumented instrumented;
  private final String nodeId;

  public NodeGrpcService(EventBus bus, long timeoutMs, HealthChecks health, Instrumented instrumented, String nodeId) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
    this.health = health;
    this.instrumented = instrumented;
    this.nodeId = nodeId;
  }

  @Override
  public Future<TimeReading> getTime(TimeRequest request) {
    return call(Addresses.TIME_NOW, request, TimeReading.class);
  }

  @Override
  public Future<DhtWriteResult> putDhtValue(DhtPutBody request) {
    if (request.getKey().isEmpty()) {
      return invalid("key must not be empty");
    }
    if (request.getTtlSeconds() < 0) {
      return invalid("ttlSeconds must be >= 0, got " + request.getTtlSeconds());
    }
    return call(Addresses.DHT_PUT, DhtPutRequest.newBuilder()
      .setMap(DhtMaps.KV)
      .setKey(request.getKey())
      .setValue(request.getValue())
      .setTtlSeconds(request.getTtlSeconds())
      .build(), DhtWriteResult.class);
  }

  @Override
  public Future<DhtValue> getDhtValue(DhtKeyRequest request) {
    if (request.getKey().isEmpty()) {
      return invalid("key must not be empty");
    }
    return call(Addresses.DHT_GET, DhtGetRequest.newBuilder().setMap(DhtMaps.KV).setKey(request.getKey()).build(), DhtValue.class);
  }

  @Override
  public Future<DhtWriteResult> deleteDhtValue(DhtKeyRequest request) {
    if (request.getKey().isEmpty()) {
      return invalid("key must not be empty");
    }
    return call(Addresses.DHT_REMOVE, DhtRemoveRequest.newBuilder().setMap(DhtMaps.KV).setKey(request.getKey()).build(),
      DhtWriteResult.class);
  }

  @Override
  public Future<StorageStats> getStorageStats(StorageStatsRequest request) {
    return call(Addresses.STORAGE_STATS, request, StorageStats.class);
  }

  @Override
  public Future<DhtStats> getDhtStats(DhtStatsRequest request) {
    return call(Addresses.DHT_STATS, request, DhtStats.class);
  }

  @Override
  public Future<HealthDetails> getHealthDetails(HealthDetailsRequest request) {
    return LayerCalls.asGrpc(instrumented.run(Layer.HEALTH, "details", "", () -> health.checkStatus())
      .map(result -> HealthReport.toDetails(nodeId, result)));
  }

  private <R extends Message> Future<R> call(String address, Message request, Class<R> replyType) {
    return LayerCalls.ask(bus, address, request, timeoutMs, replyType);
  }

  private static <R> Future<R> invalid(String message) {
    return LayerCalls.invalid(message);
  }
}
