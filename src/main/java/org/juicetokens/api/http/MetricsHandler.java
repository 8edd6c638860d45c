package org.juicetokens.api.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Prometheus text exposition of every meter of the node (JVM, process, Vert.x, juice). */
final class MetricsHandler implements Handler<RoutingContext> {
  private final PrometheusMeterRegistry registry;

  MetricsHandler(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
      .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
      .end(registry.scrape());
  }
}
