package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Errors;

import java.util.function.Supplier;

/**
 * One WatchTransfer stream: subscribed to the tx's events (node-local relay) BEFORE the transfer
 * is asked, so no event is missed; every event of the tx is written; the stream ends with the
 * payer side's final event, or shortly after TX_TRANSFER's answer when that comes first (its outcome
 * then written as the final event), or fails with the transfer's error status. A cancelled call or
 * api.transferWatchMs elapsing releases the subscription. Runs on the caller's event loop.
 */
final class TransferWatch {
  /** How long after TX_TRANSFER's answer the payer's own final event may still come (it is relayed, the answer is not). */
  static final long ANSWER_GRACE_MS = 1_000;
  private final Vertx vertx;
  private final String txId;
  private final WriteStream<TransferEvent> response;
  private MessageConsumer<TransferEvent> consumer;
  private long timerId = -1;
  private boolean done;

  private TransferWatch(Vertx vertx, String txId, WriteStream<TransferEvent> response) {
    this.vertx = vertx;
    this.txId = txId;
    this.response = response;
  }

  static void start(Vertx vertx, String txId, WriteStream<TransferEvent> response, long maxMs, Supplier<Future<Transfer>> transfer) {
    TransferWatch watch = new TransferWatch(vertx, txId, response);
    watch.consumer = vertx.eventBus().localConsumer(Addresses.TX_EVENTS_LOCAL, m -> watch.event(m.body()));
    watch.timerId = vertx.setTimer(maxMs, id -> watch.end());
    response.exceptionHandler(e -> watch.release());
    transfer.get().onComplete(watch::answered, watch::failed);
  }

  static void fail(WriteStream<TransferEvent> response, Throwable failure) {
    if (response instanceof GrpcServerResponse<?, ?> grpc) {
      // LayerCalls' failures are gRPC statuses already: mapping them again would make them INTERNAL
      grpc.fail(failure instanceof StatusException status ? status : Errors.toGrpc(failure));
    } else {
      response.end();
    }
  }

  private void event(TransferEvent event) {
    if (done || !txId.equals(event.getTxId())) {
      return;
    }
    response.write(event);
    if (TransferOutcome.endsWatch(event)) {
      end();
    }
  }

  private void answered(Transfer transfer) {
    if (done) {
      return;
    }
    // the answer travels directly, the events through the relay: give the last events a moment to arrive
    vertx.cancelTimer(timerId);
    timerId = vertx.setTimer(ANSWER_GRACE_MS, id -> {
      if (!done) {
        response.write(TransferOutcome.finalEventOf(transfer, System.currentTimeMillis()));
        end();
      }
    });
  }

  private void failed(Throwable failure) {
    if (done) {
      return;
    }
    vertx.cancelTimer(timerId);
    timerId = vertx.setTimer(ANSWER_GRACE_MS, id -> {
      if (!done) {
        release();
        fail(response, failure);
      }
    });
  }

  private void end() {
    if (!done) {
      release();
      response.end();
    }
  }

  private void release() {
    done = true;
    vertx.cancelTimer(timerId);
    if (consumer != null) {
      consumer.unregister();
    }
  }
}
