package org.juicetokens.api.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import org.juicetokens.api.Await;
import org.juicetokens.api.EdgeTestNode;
import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.TransactionServiceGrpcClient;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transfer and audit routes (HTTP/JSON, SSE, gRPC WatchTransfer) over a real HTTP server, with
 * TX_TRANSFER / TX_GET / TX_AUDIT answered by consumers of this test (the transaction shell is
 * another branch's): the mapping, the bearer check, error statuses and event streaming.
 * A transfer of 99999 hundredths is refused (INSUFFICIENT_FUNDS) after an ABORTED event, one of
 * 88888 without a final event.
 */
class TransactionApiTest {
  private static final String TOKEN = "s3cret";
  private static final long BROKE = 99_999;
  private static final long REFUSED_AT_ONCE = 88_888;
  private static EdgeTestNode node;
  private static WebClient web;
  private static final List<TransferRequest> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    node = EdgeTestNode.start(Map.of("api.token", TOKEN), true);
    web = node.webClient();
    EventBus bus = node.vertx.eventBus();
    Await.result(Future.join(
      Bus.serveLocal(bus, Addresses.TX_TRANSFER, TransferRequest.class, TransactionApiTest::transfer).completion(),
      Bus.serveLocal(bus, Addresses.TX_GET, GetTransferRequest.class, r -> r.getTxId().equals("known-1")
        ? Future.succeededFuture(committed(TransferRequest.newBuilder().setTxId("known-1").setFromId("p").setToId("q")
        .setAmountHundredths(1234).build()))
        : Future.failedFuture(JuiceException.notFound("no transfer " + r.getTxId()))).completion(),
      Bus.serveLocal(bus, Addresses.TX_AUDIT, AuditRequest.class, r -> Future.succeededFuture(AuditReport.newBuilder()
        .setMintedHundredths(4300).setHeldHundredths(4300).setConserved(true).addNodes("edge").build())).completion()));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  /** The shell's part, played here: events on TX_EVENTS (cluster-wide), then the answer. */
  private static Future<Transfer> transfer(TransferRequest request) {
    received.add(request);
    EventBus bus = node.vertx.eventBus();
    Promise<Transfer> answer = Promise.promise();
    node.vertx.setTimer(50, id -> {
      bus.publish(Addresses.TX_EVENTS, event(request, TxRole.PAYER, TxState.INITIATED, false, ""));
      bus.publish(Addresses.TX_EVENTS, event(request.toBuilder().setTxId("other").build(), TxRole.PAYER, TxState.INITIATED, false, ""));
      if (request.getAmountHundredths() == REFUSED_AT_ONCE) {
        answer.fail(new JuiceException(ErrorCode.INSUFFICIENT_FUNDS, "payer holds nothing"));
        return;
      }
      if (request.getAmountHundredths() == BROKE) {
        bus.publish(Addresses.TX_EVENTS, event(request, TxRole.PAYER, TxState.ABORTED, true, "INSUFFICIENT_FUNDS"));
        answer.fail(new JuiceException(ErrorCode.INSUFFICIENT_FUNDS, "payer holds 12.00, needs 999.99"));
        return;
      }
      bus.publish(Addresses.TX_EVENTS, event(request, TxRole.PAYEE, TxState.PREPARED, false, ""));
      bus.publish(Addresses.TX_EVENTS, event(request, TxRole.PAYER, TxState.COMMITTED, true, ""));
      answer.complete(committed(request));
    });
    return answer.future();
  }

  private static TransferEvent event(TransferRequest r, TxRole role, TxState state, boolean last, String error) {
    return TransferEvent.newBuilder().setTxId(r.getTxId()).setRole(role).setState(state).setAtMs(System.currentTimeMillis())
      .setNote(state.name().toLowerCase()).setNodeId("edge").setFromId(r.getFromId()).setToId(r.getToId())
      .setAmountHundredths(r.getAmountHundredths()).setErrorCode(error).setFinal(last).build();
  }

  private static Transfer committed(TransferRequest r) {
    return Transfer.newBuilder().setTxId(r.getTxId()).setState(TxState.COMMITTED).setRole(TxRole.PAYER).setFromId(r.getFromId())
      .setToId(r.getToId()).setAmountHundredths(r.getAmountHundredths()).setPayerNode("edge").setPayeeNode("edge")
      .setFinalized(true).setDecidedAtMs(System.currentTimeMillis()).build();
  }

  private static HttpResponse<Buffer> post(String body, String token) {
    var request = web.post("/api/v1/transfers");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(request.sendBuffer(Buffer.buffer(body)));
  }

  @Test
  void posting_a_transfer_needs_the_token_and_answers_the_transfer_as_proto3_json() {
    assertThat(post("{\"fromId\":\"p\",\"toId\":\"q\",\"amountHundredths\":\"1234\",\"txId\":\"http-1\"}", null).statusCode()).isEqualTo(401);

    HttpResponse<Buffer> response = post("{\"fromId\":\"p\",\"toId\":\"q\",\"amountHundredths\":\"1234\",\"txId\":\"http-1\"}", TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("txId")).isEqualTo("http-1");
    assertThat(body.getString("state")).isEqualTo("COMMITTED");
    assertThat(body.getString("amountHundredths")).isEqualTo("1234");
    assertThat(received).anyMatch(r -> r.getTxId().equals("http-1") && r.getFromId().equals("p") && r.getAmountHundredths() == 1234);
  }

  @Test
  void a_refused_transfer_is_its_error_code_with_the_http_status() {
    HttpResponse<Buffer> response = post("{\"fromId\":\"p\",\"toId\":\"q\",\"amountHundredths\":\"" + BROKE + "\"}", TOKEN);

    assertThat(response.statusCode()).isEqualTo(412);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INSUFFICIENT_FUNDS");
    assertThat(post("{\"amountHundredths\":\"x\"}", TOKEN).statusCode()).isEqualTo(400);
  }

  @Test
  void a_transfer_is_read_by_id_and_an_unknown_or_malformed_id_is_an_error() {
    HttpResponse<Buffer> known = Await.result(web.get("/api/v1/transfers/known-1").send());
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(known.bodyAsJsonObject().getString("fromId")).isEqualTo("p");

    HttpResponse<Buffer> unknown = Await.result(web.get("/api/v1/transfers/nope").send());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("NOT_FOUND");
    assertThat(Await.result(web.get("/api/v1/transfers/bad%20id").send()).statusCode()).isEqualTo(400);
  }

  @Test
  void the_audit_route_answers_the_report() {
    HttpResponse<Buffer> response = Await.result(web.get("/api/v1/audit").send());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getBoolean("conserved")).isTrue();
    assertThat(response.bodyAsJsonObject().getString("mintedHundredths")).isEqualTo("4300");
  }

  @Test
  void the_event_stream_of_a_tx_opened_before_the_post_carries_its_events_and_ends_with_the_payers_final_one() {
    HttpClient client = node.vertx.createHttpClient();
    StringBuilder text = new StringBuilder();
    Promise<Void> subscribed = Promise.promise();
    Promise<Void> ended = Promise.promise();
    // the handlers are set on the event loop, before any chunk can arrive
    HttpClientResponse response = Await.result(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
      .setPort(node.port).setURI("/api/v1/transfers/sse-1/events")).compose(r -> r.send()).map(r -> r.handler(chunk -> {
        text.append(chunk.toString());
        if (text.indexOf(": subscribed") >= 0) {
          subscribed.tryComplete();
        }
      }).endHandler(v -> ended.tryComplete())));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
    Await.result(subscribed.future());

    assertThat(post("{\"fromId\":\"p\",\"toId\":\"q\",\"amountHundredths\":\"500\",\"txId\":\"sse-1\"}", TOKEN).statusCode()).isEqualTo(200);
    Await.result(ended.future());

    List<JsonObject> events = new ArrayList<>();
    for (String block : text.toString().split("\n\n")) {
      if (block.startsWith("event: transfer\ndata: ")) {
        events.add(new JsonObject(block.substring("event: transfer\ndata: ".length())));
      }
    }
    assertThat(events).extracting(e -> e.getString("role") + " " + e.getString("state"))
      .containsExactly("PAYER INITIATED", "PAYEE PREPARED", "PAYER COMMITTED");
    assertThat(events).allMatch(e -> e.getString("txId").equals("sse-1"));
    Await.result(client.close());
  }

  @Test
  void watch_transfer_over_grpc_streams_the_events_and_needs_the_token() {
    GrpcClient grpc = GrpcClient.client(node.vertx);
    SocketAddress address = SocketAddress.inetSocketAddress(node.port, "127.0.0.1");
    List<TransferEvent> events = new CopyOnWriteArrayList<>();
    var response = Await.result(grpc.request(address, TransactionServiceGrpcClient.WatchTransfer).compose(req -> {
      req.headers().set("authorization", "Bearer " + TOKEN);
      return req.send(TransferRequest.newBuilder().setFromId("p").setToId("q").setAmountHundredths(700).build());
    }).map(r -> r.handler(events::add)));
    Await.result(response.end());
    assertThat(response.status()).isEqualTo(GrpcStatus.OK);
    assertThat(events).extracting(e -> e.getRole() + " " + e.getState()).containsExactly("PAYER INITIATED", "PAYEE PREPARED", "PAYER COMMITTED");
    assertThat(events.get(0).getTxId()).isNotBlank().isEqualTo(events.get(2).getTxId());

    var refused = Await.result(grpc.request(address, TransactionServiceGrpcClient.WatchTransfer)
      .compose(req -> req.send(TransferRequest.newBuilder().setFromId("p").setToId("q").setAmountHundredths(700).build())));
    Await.result(refused.end().recover(e -> Future.succeededFuture()));
    assertThat(refused.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    Await.result(grpc.close());
  }

  @Test
  void watch_transfer_of_a_refused_transfer_ends_with_the_aborted_event_carrying_the_code() {
    GrpcClient grpc = GrpcClient.client(node.vertx);
    SocketAddress address = SocketAddress.inetSocketAddress(node.port, "127.0.0.1");
    List<TransferEvent> events = new CopyOnWriteArrayList<>();
    var response = Await.result(grpc.request(address, TransactionServiceGrpcClient.WatchTransfer).compose(req -> {
      req.headers().set("authorization", "Bearer " + TOKEN);
      return req.send(TransferRequest.newBuilder().setFromId("p").setToId("q").setAmountHundredths(BROKE).setTxId("broke-1").build());
    }).map(r -> r.handler(events::add)));
    Await.result(response.end().recover(e -> Future.succeededFuture()));
    assertThat(events).last().satisfies(e -> {
      assertThat(e.getState()).isEqualTo(TxState.ABORTED);
      assertThat(e.getErrorCode()).isEqualTo("INSUFFICIENT_FUNDS");
    });
    Await.result(grpc.close());
  }

  @Test
  void watch_transfer_refused_without_a_final_event_ends_with_the_errors_grpc_status() {
    GrpcClient grpc = GrpcClient.client(node.vertx);
    SocketAddress address = SocketAddress.inetSocketAddress(node.port, "127.0.0.1");
    var response = Await.result(grpc.request(address, TransactionServiceGrpcClient.WatchTransfer).compose(req -> {
      req.headers().set("authorization", "Bearer " + TOKEN);
      return req.send(TransferRequest.newBuilder().setFromId("p").setToId("q").setAmountHundredths(REFUSED_AT_ONCE).build());
    }));
    Await.result(response.end().recover(e -> Future.succeededFuture()));
    assertThat(response.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    // Vert.x's client leaves statusMessage() null on a failed stream: the message is in the trailers
    assertThat(response.trailers().get("grpc-message")).isEqualTo("INSUFFICIENT_FUNDS%3A%20payer%20holds%20nothing");
    Await.result(grpc.close());
  }
}
