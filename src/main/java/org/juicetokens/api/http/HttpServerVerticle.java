package org.juicetokens.api.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.web.Router;
import org.juicetokens.node.NodeContext;

/**
 * The node's single HTTP port: health, metrics (and, as the API layer grows, the admin
 * console, SSE, gRPC and HTTP/JSON). Wiring only; handlers live in their own classes.
 */
public final class HttpServerVerticle extends VerticleBase {
  private final NodeContext node;
  private volatile int actualPort = -1;
  private HttpServer server;

  public HttpServerVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(node.health()));
    router.get("/metrics").handler(new MetricsHandler(node.registry()));
    server = vertx.createHttpServer();
    return server.requestHandler(router)
      .listen(node.config().httpPort(), node.config().httpHost())
      .onSuccess(s -> actualPort = s.actualPort());
  }

  /** The bound port (differs from the configured one when that is 0). */
  public int actualPort() {
    return actualPort;
  }
}
