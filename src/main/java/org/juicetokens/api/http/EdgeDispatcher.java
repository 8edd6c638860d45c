package org.juicetokens.api.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;

import java.util.Set;

/**
 * The first handler of the node's one port: gRPC and gRPC-Web requests (content type
 * {@code application/grpc*}) go to the GrpcServer, after the bearer check for mutating methods;
 * everything else (health, metrics, admin, SSE, HTTP/JSON) goes to the vertx-web Router.
 */
final class EdgeDispatcher implements Handler<HttpServerRequest> {
  private static final String GRPC = "application/grpc";
  private static final String UNAUTHENTICATED = "16";

  private final GrpcServer grpc;
  private final Router router;
  private final ApiAuth auth;
  private final Set<String> mutatingGrpcPaths;

  EdgeDispatcher(GrpcServer grpc, Router router, ApiAuth auth, Set<String> mutatingGrpcPaths) {
    this.grpc = grpc;
    this.router = router;
    this.auth = auth;
    this.mutatingGrpcPaths = mutatingGrpcPaths;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.startsWith(GRPC)) {
      router.handle(request);
      return;
    }
    if (mutatingGrpcPaths.contains(request.path()) && !auth.accepts(request.getHeader(HttpHeaders.AUTHORIZATION))) {
      // a trailers-only gRPC answer: HTTP 200 with the status in the headers
      request.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader("grpc-status", UNAUTHENTICATED)
        .putHeader("grpc-message", "UNAUTHENTICATED: this call needs authorization metadata 'Bearer <api token>'")
        .end();
      return;
    }
    grpc.handle(request);
  }
}
