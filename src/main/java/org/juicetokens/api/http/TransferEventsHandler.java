package org.juicetokens.api.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.juicetokens.api.grpc.TransferOutcome;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.TxLogLayout;

/**
 * {@code GET /api/v1/transfers/{txId}/events}: Server-Sent Events ({@code event: transfer}, data
 * the proto3 JSON of a TransferEvent) of one tx as they happen, both sides. The subscription is in
 * place when the response head arrives (a {@code : subscribed} comment follows it), so a client
 * opens the stream, then posts the transfer with the same txId. The stream ends after the payer
 * side's final event, when the client goes, or after api.transferWatchMs.
 */
final class TransferEventsHandler implements Handler<RoutingContext> {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private final Vertx vertx;
  private final long maxMs;

  TransferEventsHandler(Vertx vertx, long maxMs) {
    this.vertx = vertx;
    this.maxMs = maxMs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String txId = ctx.pathParam("txId");
    try {
      TxLogLayout.checkTxId(txId);
    } catch (JuiceException e) {
      ApiErrors.send(ctx, e);
      return;
    }
    HttpServerResponse response = ctx.response();
    response.setChunked(true)
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
      .putHeader("X-Accel-Buffering", "no");
    Stream stream = new Stream(response, txId);
    stream.consumer = vertx.eventBus().localConsumer(Addresses.TX_EVENTS_LOCAL, m -> stream.event(m.body()));
    stream.timerId = vertx.setTimer(maxMs, id -> stream.end());
    response.closeHandler(v -> stream.release());
    response.exceptionHandler(e -> stream.release());
    response.write(": subscribed to " + txId + "\n\n");
  }

  /** One open stream, on the HTTP verticle's event loop. */
  private final class Stream {
    private final HttpServerResponse response;
    private final String txId;
    private MessageConsumer<TransferEvent> consumer;
    private long timerId = -1;
    private boolean done;

    Stream(HttpServerResponse response, String txId) {
      this.response = response;
      this.txId = txId;
    }

    void event(TransferEvent event) {
      if (done || !txId.equals(event.getTxId())) {
        return;
      }
      try {
        response.write("event: transfer\ndata: " + PRINTER.print(event) + "\n\n");
      } catch (InvalidProtocolBufferException e) {
        response.write("event: transfer\ndata: {\"txId\":\"" + txId + "\"}\n\n");
      }
      if (TransferOutcome.endsWatch(event)) {
        end();
      }
    }

    void end() {
      if (!done) {
        release();
        response.end();
      }
    }

    void release() {
      done = true;
      vertx.cancelTimer(timerId);
      consumer.unregister();
    }
  }
}
