package org.juicetokens.api.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/extensions/notifications[?extension=<id>]}: Server-Sent Events
 * ({@code event: notification}, data the JSON {extensionId, kind, payload, atMs}) of every
 * notification published on this node's {@link Addresses#EXTENSION_NOTIFICATIONS}, optionally of
 * one extension only. The subscription is in place when the response head arrives (a
 * {@code : subscribed} comment follows it); a {@code : heartbeat} comment every
 * {@code extension.notificationsHeartbeatMs}. The consumer and timer are released when the client
 * goes. A slow client loses notifications (nothing is written while its write queue is full).
 * {@value #STREAMS_GAUGE} counts the open streams (at most {@code extension.notificationsMaxStreams}).
 */
public final class ExtensionNotificationsHandler implements Handler<RoutingContext> {
  public static final String PATH = ApiRoutes.PREFIX + "/extensions/notifications";
  public static final String STREAMS_GAUGE = "juice.extension.notification.streams";
  /** An extension id as its manifest must have it. */
  private static final Pattern EXTENSION_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{2,63}");

  private final Vertx vertx;
  private final long heartbeatMs;
  private final int maxStreams;
  private final AtomicInteger open = new AtomicInteger();
  private final MeterRegistry registry;
  private final Gauge gauge;

  public ExtensionNotificationsHandler(Vertx vertx, long heartbeatMs, int maxStreams, MeterRegistry registry) {
    this.vertx = vertx;
    this.heartbeatMs = heartbeatMs;
    this.maxStreams = maxStreams;
    this.registry = registry;
    this.gauge = Gauge.builder(STREAMS_GAUGE, open, AtomicInteger::get)
      .description("Open extension notification streams")
      .strongReference(true)
      .register(registry);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String filter = ctx.queryParams().get("extension");
    if (filter != null && !EXTENSION_ID.matcher(filter).matches()) {
      ApiErrors.send(ctx, JuiceException.invalidArgument("extension must be an extension id ([a-z0-9][a-z0-9.-]{2,63})"));
      return;
    }
    if (open.get() >= maxStreams) {
      ApiErrors.send(ctx, new JuiceException(ErrorCode.UNAVAILABLE, "too many extension notification streams (" + maxStreams + ")"));
      return;
    }
    HttpServerResponse response = ctx.response();
    response.setChunked(true)
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
      .putHeader("X-Accel-Buffering", "no");
    open.incrementAndGet();
    Stream stream = new Stream(response, filter);
    stream.consumer = vertx.eventBus().localConsumer(Addresses.EXTENSION_NOTIFICATIONS, m -> stream.notification(m.body()));
    stream.timerId = vertx.setPeriodic(heartbeatMs, id -> stream.write(": heartbeat\n\n"));
    response.closeHandler(v -> stream.release());
    response.exceptionHandler(e -> stream.release());
    response.write("retry: 2000\n: subscribed" + (filter == null ? "" : " to " + filter) + "\n\n");
  }

  /** Removes the gauge, so a handler created later (a redeployed verticle) registers its own. */
  public void close() {
    registry.remove(gauge);
  }

  /** Open streams now (the gauge's value). */
  public int openStreams() {
    return open.get();
  }

  /** A notification body as JSON: a JsonObject, or its encoded text / bytes; null for anything else. */
  static JsonObject json(Object body) {
    try {
      if (body instanceof JsonObject json) {
        return json;
      }
      if (body instanceof String text) {
        return new JsonObject(text);
      }
      if (body instanceof Buffer buffer) {
        return buffer.toJsonObject();
      }
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
    return null;
  }

  /** One open stream, on the HTTP verticle's event loop. */
  private final class Stream {
    private final HttpServerResponse response;
    private final String filter;
    private MessageConsumer<Object> consumer;
    private long timerId = -1;
    private boolean released;

    Stream(HttpServerResponse response, String filter) {
      this.response = response;
      this.filter = filter;
    }

    void notification(Object body) {
      JsonObject json = json(body);
      if (json == null || (filter != null && !filter.equals(String.valueOf(json.getValue("extensionId"))))) {
        return;
      }
      write("event: notification\ndata: " + json.encode() + "\n\n");
    }

    void write(String text) {
      if (!released && !response.writeQueueFull()) {
        response.write(text);
      }
    }

    void release() {
      if (released) {
        return;
      }
      released = true;
      vertx.cancelTimer(timerId);
      consumer.unregister();
      open.decrementAndGet();
    }
  }
}
