package org.juicetokens.governance.admin;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.Addresses;
import org.juicetokens.foundation.time.proto.TimeReading;

import java.util.ArrayList;
import java.util.List;

/**
 * One open event stream: its timer, its node-local consumers (cluster, time, transfer) and its
 * response. Everything runs on the HTTP verticle's event loop. A slow client loses snapshots (never queues them):
 * nothing is written while the response's write queue is full, nor while a gathering is in flight.
 */
final class SseStream {
  private final Vertx vertx;
  private final HttpServerResponse response;
  private final AdminSnapshotSource source;
  private final Runnable onClose;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private long timerId = -1;
  private boolean gathering;
  private boolean closed;

  SseStream(Vertx vertx, HttpServerResponse response, AdminSnapshotSource source, Runnable onClose) {
    this.vertx = vertx;
    this.response = response;
    this.source = source;
    this.onClose = onClose;
  }

  void start(long intervalMs) {
    response.write("retry: 2000\n\n");
    consumers.add(vertx.eventBus().localConsumer(Addresses.CLUSTER_MEMBERSHIP, m -> send("cluster", toJson(m.body()))));
    consumers.add(vertx.eventBus().localConsumer(Addresses.TIME_STATUS, m -> send("time", toJson(m.body()))));
    // every member's exchanges, relayed node-locally (api.grpc.TransferEventRelay)
    consumers.add(vertx.eventBus().localConsumer(Addresses.TX_EVENTS_LOCAL, m -> send("transfer", toJson(m.body()))));
    // every member's expiry notices and renewals, relayed node-locally (lifecycle.renewal.RenewalVerticle)
    consumers.add(vertx.eventBus().localConsumer(Addresses.RENEWAL_EVENTS_LOCAL, m -> send("renewal", toJson(m.body()))));
    tick();
    timerId = vertx.setPeriodic(intervalMs, id -> tick());
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(timerId);
    consumers.forEach(MessageConsumer::unregister);
    consumers.clear();
    onClose.run();
  }

  private void tick() {
    if (gathering || closed) {
      return;
    }
    gathering = true;
    source.next().onComplete(snapshot -> {
      gathering = false;
      send("snapshot", snapshot);
    }, failure -> gathering = false);
  }

  private void send(String event, JsonObject data) {
    if (closed || response.writeQueueFull()) {
      return;
    }
    response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
  }

  private static JsonObject toJson(Object body) {
    if (body instanceof JsonObject json) {
      return json;
    }
    if (body instanceof TimeReading reading) {
      return AdminSnapshot.time(reading, System.currentTimeMillis());
    }
    if (body instanceof Message message) {
      try {
        return new JsonObject(JsonFormat.printer().print(message));
      } catch (InvalidProtocolBufferException e) {
        return new JsonObject().put("type", message.getClass().getSimpleName());
      }
    }
    return new JsonObject().put("value", String.valueOf(body));
  }
}
