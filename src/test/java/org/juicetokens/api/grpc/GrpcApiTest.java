package org.juicetokens.api.grpc;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.healthchecks.Status;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import org.juicetokens.api.Await;
import org.juicetokens.api.EdgeTestNode;
import org.juicetokens.api.v1.DhtKeyRequest;
import org.juicetokens.api.v1.DhtPutBody;
import org.juicetokens.api.v1.NodeServiceGrpcClient;
import org.juicetokens.foundation.dht.proto.DhtStatsRequest;
import org.juicetokens.foundation.storage.proto.StorageStatsRequest;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.governance.health.proto.HealthDetails;
import org.juicetokens.governance.health.proto.HealthDetailsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** gRPC on the node's HTTP port, through the generated client and raw service methods (health, reflection). */
class GrpcApiTest {
  static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> HEALTH_CHECK = ServiceMethod.client(
    ServiceName.create("grpc.health.v1.Health"), "Check", GrpcMessageEncoder.encoder(),
    GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));
  static final ServiceMethod<ServerReflectionResponse, ServerReflectionRequest> REFLECTION = ServiceMethod.client(
    ServiceName.create("grpc.reflection.v1.ServerReflection"), "ServerReflectionInfo", GrpcMessageEncoder.encoder(),
    GrpcMessageDecoder.decoder(ServerReflectionResponse.newBuilder()));

  private static EdgeTestNode node;
  private static GrpcClient client;
  private static SocketAddress address;
  private static NodeServiceGrpcClient nodeService;

  @BeforeAll
  static void start() throws Exception {
    node = EdgeTestNode.start(Map.of(), true);
    client = GrpcClient.client(node.vertx);
    address = SocketAddress.inetSocketAddress(node.port, "127.0.0.1");
    nodeService = NodeServiceGrpcClient.create(client, address);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static <T> T await(Future<T> future) {
    return Await.result(future);
  }

  @Test
  void node_service_answers_time_stats_and_health_over_grpc() {
    assertThat(await(nodeService.getTime(TimeRequest.getDefaultInstance())).getStatus()).isEqualTo(TimeStatus.CONSENSUS);
    assertThat(await(nodeService.getStorageStats(StorageStatsRequest.getDefaultInstance())).getOpen()).isTrue();
    assertThat(await(nodeService.getDhtStats(DhtStatsRequest.getDefaultInstance())).getMembersCount()).isEqualTo(2);
    HealthDetails details = await(nodeService.getHealthDetails(HealthDetailsRequest.getDefaultInstance()));
    assertThat(details.getUp()).isTrue();
    assertThat(details.getNodeId()).isEqualTo("edge");
    assertThat(details.getComponentsList()).anySatisfy(c -> {
      assertThat(c.getId()).isEqualTo("cluster");
      assertThat(new JsonObject(c.getDataJson()).getInteger("members")).isEqualTo(1);
    });
  }

  @Test
  void dht_value_round_trips_over_grpc() {
    ByteString value = ByteString.copyFromUtf8("over grpc");
    assertThat(await(nodeService.putDhtValue(DhtPutBody.newBuilder().setKey("g1").setValue(value).setTtlSeconds(5).build())).getKey())
      .isEqualTo("g1");
    assertThat(await(nodeService.getDhtValue(DhtKeyRequest.newBuilder().setKey("g1").build())).getValue()).isEqualTo(value);
    assertThat(await(nodeService.deleteDhtValue(DhtKeyRequest.newBuilder().setKey("g1").build())).getExisted()).isTrue();
  }

  @Test
  void invalid_put_is_invalid_argument_with_the_error_code_in_the_message() {
    GrpcClientResponse<DhtPutBody, ?> emptyKey = call(DhtPutBody.newBuilder().setTtlSeconds(1).build(), null);
    assertThat(emptyKey.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(emptyKey.statusMessage()).startsWith("INVALID_ARGUMENT: key");
    GrpcClientResponse<DhtPutBody, ?> negativeTtl = call(DhtPutBody.newBuilder().setKey("k").setTtlSeconds(-1).build(), null);
    assertThat(negativeTtl.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(node.doubles.kv()).doesNotContainKey("k");
  }

  @Test
  void layer_failure_codes_map_to_grpc_statuses() {
    GrpcClientResponse<?, ?> unavailable = await(client.request(address, NodeServiceGrpcClient.GetDhtValue)
      .compose(req -> req.send(DhtKeyRequest.newBuilder().setKey("unavailable").build()))
      .compose(resp -> resp.last().transform(ar -> Future.succeededFuture(resp))));
    assertThat(unavailable.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(unavailable.statusMessage()).startsWith("UNAVAILABLE:");
  }

  static GrpcClientResponse<DhtPutBody, ?> call(DhtPutBody body, String authorization) {
    return GrpcCalls.put(client, address, body, authorization);
  }

  @Test
  void grpc_health_check_follows_the_node_health() {
    assertThat(check("")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(check("juicetokens.api.v1.NodeService")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    node.context.health().register("broken-grpc", p -> p.complete(Status.KO()));
    try {
      assertThat(check("")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
      assertThat(check("juicetokens.api.v1.NodeService")).isEqualTo(HealthCheckResponse.ServingStatus.NOT_SERVING);
    } finally {
      node.context.health().unregister("broken-grpc");
    }
    assertThat(check("")).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  private static HealthCheckResponse.ServingStatus check(String service) {
    return await(client.request(address, HEALTH_CHECK)
      .compose(req -> req.send(HealthCheckRequest.newBuilder().setService(service).build()))
      .compose(resp -> resp.last())).getStatus();
  }

  @Test
  void grpc_web_over_http_1_1_is_served_on_the_same_port() throws Exception {
    io.vertx.ext.web.client.WebClient web = node.webClient();
    io.vertx.core.buffer.Buffer frame = io.vertx.core.buffer.Buffer.buffer().appendByte((byte) 0).appendInt(0); // empty TimeRequest
    var response = Await.result(web.post("/juicetokens.api.v1.NodeService/GetTime")
      .putHeader("content-type", "application/grpc-web+proto")
      .sendBuffer(frame));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("application/grpc-web");
    io.vertx.core.buffer.Buffer body = response.body();
    assertThat(body.getByte(0)).isZero(); // a data frame first
    int length = body.getInt(1);
    assertThat(org.juicetokens.foundation.time.proto.TimeReading.newBuilder()
      .mergeFrom(body.getBytes(5, 5 + length)).build().getConfidence()).isEqualTo(85);
    assertThat(body.getBytes(5 + length, body.length())[0]).isEqualTo((byte) 0x80); // then the trailers frame
    assertThat(body.getString(5 + length + 5, body.length())).contains("grpc-status:0");
  }

  @Test
  void reflection_lists_the_services() {
    ServerReflectionResponse response = await(client.request(address, REFLECTION)
      .compose(req -> req.send(ServerReflectionRequest.newBuilder().setListServices("*").build()))
      .compose(resp -> resp.last()));
    assertThat(response.getListServicesResponse().getServiceList())
      .extracting(s -> s.getName())
      .contains("juicetokens.api.v1.NodeService", "grpc.health.v1.Health");
  }
}
