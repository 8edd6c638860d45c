package org.juicetokens.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import org.juicetokens.api.Await;
import org.juicetokens.api.EdgeTestNode;
import org.juicetokens.api.v1.DhtPutBody;
import org.juicetokens.api.v1.NodeServiceGrpcClient;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With api.token set, mutating calls need the bearer token, over HTTP/JSON and over gRPC. */
class ApiTokenTest {
  private static final String TOKEN = "t0ken-for-tests";
  private static EdgeTestNode node;
  private static WebClient web;

  @BeforeAll
  static void start() throws Exception {
    node = EdgeTestNode.start(Map.of("api.token", TOKEN), true);
    web = node.webClient();
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String uri, String authorization) {
    HttpRequest<Buffer> request = web.request(method, uri);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return Await.result(method == HttpMethod.PUT ? request.sendBuffer(Buffer.buffer("{\"value\":\"aGk=\"}")) : request.send());
  }

  @Test
  void mutating_http_calls_without_the_bearer_token_are_401_and_change_nothing() {
    for (String authorization : new String[] {null, "Bearer wrong", TOKEN, "Basic " + TOKEN, "Bearer " + TOKEN + "x"}) {
      HttpResponse<Buffer> put = send(HttpMethod.PUT, "/api/v1/dht/locked", authorization);
      assertThat(put.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
      assertThat(put.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHENTICATED");
    }
    assertThat(node.doubles.kv()).doesNotContainKey("locked");
    assertThat(send(HttpMethod.DELETE, "/api/v1/dht/locked", null).statusCode()).isEqualTo(401);
  }

  @Test
  void mutating_http_calls_with_the_bearer_token_pass_and_reads_need_none() {
    assertThat(send(HttpMethod.PUT, "/api/v1/dht/open", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(node.doubles.kv()).containsKey("open");
    assertThat(send(HttpMethod.GET, "/api/v1/dht/open", null).statusCode()).isEqualTo(200);
    assertThat(send(HttpMethod.GET, "/api/v1/time", null).statusCode()).isEqualTo(200);
    assertThat(send(HttpMethod.DELETE, "/api/v1/dht/open", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void mutating_grpc_calls_need_the_token_in_the_authorization_metadata() {
    GrpcClient client = GrpcClient.client(node.vertx);
    SocketAddress address = SocketAddress.inetSocketAddress(node.port, "127.0.0.1");
    DhtPutBody body = DhtPutBody.newBuilder().setKey("grpc-locked").build();
    var refused = org.juicetokens.api.grpc.GrpcCalls.put(client, address, body, null);
    assertThat(refused.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(node.doubles.kv()).doesNotContainKey("grpc-locked");
    var accepted = org.juicetokens.api.grpc.GrpcCalls.put(client, address, body, "Bearer " + TOKEN);
    assertThat(accepted.status()).isEqualTo(GrpcStatus.OK);
    assertThat(node.doubles.kv()).containsKey("grpc-locked");
    assertThat(Await.result(NodeServiceGrpcClient.create(client, address).getTime(TimeRequest.getDefaultInstance())).getConfidence())
      .isEqualTo(85);
  }
}
