package org.juicetokens.api.grpc;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import org.juicetokens.api.Await;
import org.juicetokens.api.v1.DhtKeyRequest;
import org.juicetokens.api.v1.DhtPutBody;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.OperationStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** NodeGrpcService against a bus without the layers: validation first, and every failure a gRPC status with its code. */
class NodeGrpcServiceTest {
  private Vertx vertx;
  private NodeGrpcService service;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    ProtobufCodec.register(vertx.eventBus());
    service = new NodeGrpcService(vertx.eventBus(), 300, HealthChecks.create(vertx),
      new Instrumented(new SimpleMeterRegistry(), new OperationStats(), "t"), "t");
  }

  @AfterEach
  void tearDown() {
    Await.result(vertx.close());
  }

  private static StatusException failure(Future<?> future) {
    Throwable cause = Await.result(future.transform(ar -> Future.succeededFuture(ar.cause())));
    assertThat(cause).isInstanceOf(StatusException.class);
    return (StatusException) cause;
  }

  @Test
  void empty_key_and_negative_ttl_are_invalid_argument() {
    assertThat(failure(service.putDhtValue(DhtPutBody.newBuilder().build())).status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(failure(service.putDhtValue(DhtPutBody.newBuilder().setKey("k").setTtlSeconds(-1).build())).message())
      .startsWith("INVALID_ARGUMENT: ttlSeconds");
    assertThat(failure(service.getDhtValue(DhtKeyRequest.getDefaultInstance())).status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(failure(service.deleteDhtValue(DhtKeyRequest.getDefaultInstance())).status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  void a_layer_that_is_not_deployed_is_unavailable() {
    StatusException failure = failure(service.getTime(TimeRequest.getDefaultInstance()));
    assertThat(failure.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(failure.message()).startsWith("UNAVAILABLE:").contains(Addresses.TIME_NOW);
  }

  @Test
  void a_layer_that_does_not_answer_in_time_is_unavailable() {
    Await.result(vertx.eventBus().localConsumer(Addresses.TIME_NOW, message -> { }).completion());
    assertThat(failure(service.getTime(TimeRequest.getDefaultInstance())).status()).isEqualTo(GrpcStatus.UNAVAILABLE);
  }

  @Test
  void health_details_answer_from_the_health_checks_without_the_bus() {
    assertThat(Await.result(service.getHealthDetails(org.juicetokens.governance.health.proto.HealthDetailsRequest.getDefaultInstance()))
      .getNodeId()).isEqualTo("t");
  }
}
