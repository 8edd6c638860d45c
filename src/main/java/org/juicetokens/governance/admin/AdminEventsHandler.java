package org.juicetokens.governance.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.juicetokens.common.ErrorCode;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /admin/events}: Server-Sent Events. Each connection gets a snapshot at once and then
 * every {@code admin.snapshotIntervalMs} ({@code event: snapshot}), plus the discrete events
 * {@code cluster}, {@code time} and {@code transfer} (every state change of every exchange side
 * in the cluster). Its timer and consumers are released when the client goes;
 * {@code juice.admin.sse.connections} counts the open ones (at most {@code admin.maxConnections}).
 */
public final class AdminEventsHandler implements Handler<RoutingContext> {
  public static final String CONNECTIONS_GAUGE = "juice.admin.sse.connections";

  private final Vertx vertx;
  private final AdminSnapshotSource source;
  private final long intervalMs;
  private final int maxConnections;
  private final AtomicInteger open = new AtomicInteger();
  private final MeterRegistry registry;
  private final Gauge gauge;

  public AdminEventsHandler(Vertx vertx, AdminSnapshotSource source, long intervalMs, int maxConnections, MeterRegistry registry) {
    this.vertx = vertx;
    this.source = source;
    this.intervalMs = intervalMs;
    this.maxConnections = maxConnections;
    this.registry = registry;
    this.gauge = Gauge.builder(CONNECTIONS_GAUGE, open, AtomicInteger::get)
      .description("Open admin console event streams")
      .strongReference(true)
      .register(registry);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (open.get() >= maxConnections) {
      response.setStatusCode(ErrorCode.UNAVAILABLE.httpStatus()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("code", ErrorCode.UNAVAILABLE.name())
          .put("message", "too many admin event streams (" + maxConnections + ")").encode());
      return;
    }
    response.setChunked(true)
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
      .putHeader("X-Accel-Buffering", "no");
    open.incrementAndGet();
    SseStream stream = new SseStream(vertx, response, source, open::decrementAndGet);
    response.closeHandler(v -> stream.close());
    response.exceptionHandler(e -> stream.close());
    stream.start(intervalMs);
  }

  /** Removes the gauge, so a handler created later (a redeployed verticle) registers its own. */
  public void close() {
    registry.remove(gauge);
  }

  /** Open streams now (the gauge's value). */
  public int openStreams() {
    return open.get();
  }
}
