package org.juicetokens.api.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import org.juicetokens.api.ApiServices;
import org.juicetokens.api.v1.DhtKeyRequest;
import org.juicetokens.api.v1.DhtPutBody;
import org.juicetokens.api.v1.DiscoveryServiceService;
import org.juicetokens.api.v1.NodeServiceService;
import org.juicetokens.api.v1.TransportServiceService;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtStatsRequest;
import org.juicetokens.foundation.storage.proto.StorageStatsRequest;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.governance.health.proto.HealthDetailsRequest;
import org.juicetokens.transport.pipe.proto.PipeListRequest;
import org.juicetokens.transport.discovery.proto.DiscoverRequest;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.ListPeersRequest;

/**
 * The HTTP/JSON face of the API under /api/v1: the routes of the {@code google.api.http} rules
 * in the api protos, each calling the same service object ({@link ApiServices}) as gRPC. Every answer is JSON; every
 * failure is {@code {"code", "message"}} with the ErrorCode's HTTP status, including an unknown
 * route (404 NOT_FOUND), a malformed body or one over {@code api.maxBodyBytes} (400), and a
 * mutating call without the bearer token (401).
 */
final class ApiRoutes {
  static final String PREFIX = "/api/v1";

  private ApiRoutes() {
  }

  /**
   * Mounts the routes of every service present in {@code services} (an absent one has no routes). {@code vertx} runs the
   * transfer event streams (open at most {@code watchMaxMs}); {@code auth} guards the mutating calls; a body over
   * {@code maxBodyBytes} is refused.
   */
  static void mount(Router router, ApiServices services, Vertx vertx, long watchMaxMs, ApiAuth auth, long maxBodyBytes) {
    NodeServiceService api = services.node();
    DiscoveryServiceService discovery = services.discovery();
    router.route(PREFIX + "/*").handler(ctx -> authorize(ctx, auth));
    router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));

    router.get(PREFIX + "/time").handler(JsonCall.of(TimeRequest::newBuilder, b -> api.getTime(b.build())));
    router.put(PREFIX + "/dht/:key").handler(JsonCall.withBody(DhtPutBody::newBuilder,
      (ctx, b) -> b.setKey(ctx.pathParam("key")), b -> api.putDhtValue(b.build())));
    router.get(PREFIX + "/dht/:key").handler(JsonCall.withPath(DhtKeyRequest::newBuilder,
      (ctx, b) -> b.setKey(ctx.pathParam("key")), b -> api.getDhtValue(b.build())));
    router.delete(PREFIX + "/dht/:key").handler(JsonCall.withPath(DhtKeyRequest::newBuilder,
      (ctx, b) -> b.setKey(ctx.pathParam("key")), b -> api.deleteDhtValue(b.build())));
    router.get(PREFIX + "/storage/stats").handler(JsonCall.of(StorageStatsRequest::newBuilder, b -> api.getStorageStats(b.build())));
    // a regex route: in a plain vertx-web path ":stats" would be a path variable
    router.getWithRegex("/api/v1/dht:stats").handler(JsonCall.of(DhtStatsRequest::newBuilder, b -> api.getDhtStats(b.build())));
    router.get(PREFIX + "/health/details").handler(JsonCall.of(HealthDetailsRequest::newBuilder, b -> api.getHealthDetails(b.build())));
    router.get(PREFIX + "/peers").handler(JsonCall.of(ListPeersRequest::newBuilder, b -> discovery.listPeers(b.build())));
    router.getWithRegex("/api/v1/peers:discover").handler(JsonCall.withPath(DiscoverRequest::newBuilder,
      ApiRoutes::discoverParameters, b -> discovery.discoverPeers(b.build())));
    TransportServiceService transport = services.transport();
    if (transport != null) {
      router.get(PREFIX + "/pipes").handler(JsonCall.of(PipeListRequest::newBuilder, b -> transport.listPipes(b.build())));
    }
    if (services.identity() != null) {
      IdentityRoutes.mount(router, services.identity());
    }
    if (services.tokens() != null) {
      TokenRoutes.mount(router, services.tokens());
    }
    if (services.transactions() != null) {
      TransactionRoutes.mount(router, services.transactions(), vertx, watchMaxMs);
    }
    if (services.chains() != null) {
      ChainRoutes.mount(router, services.chains());
    }
    if (services.trust() != null) {
      TrustRoutes.mount(router, services.trust());
    }
    if (services.eggs() != null) {
      EggRoutes.mount(router, services.eggs());
    }
    if (services.renewals() != null) {
      RenewalRoutes.mount(router, services.renewals());
    }
    if (services.extensions() != null) {
      ExtensionRoutes.mount(router, services.extensions());
    }

    router.route(PREFIX + "/*").handler(ctx -> ApiErrors.send(ctx,
      JuiceException.notFound("no route for " + ctx.request().method() + " " + ctx.request().path())));
    router.route(PREFIX + "/*").failureHandler(ApiRoutes::failure);
  }

  /** Query parameters of GET /api/v1/peers:discover: method, timeoutMs, maxResults (all optional). */
  private static void discoverParameters(RoutingContext ctx, DiscoverRequest.Builder b) {
    String method = ctx.queryParams().get("method");
    String timeoutMs = ctx.queryParams().get("timeoutMs");
    String maxResults = ctx.queryParams().get("maxResults");
    if (method != null && !method.isBlank()) {
      b.setMethod(DiscoveryMethod.valueOf(method.trim().toUpperCase(java.util.Locale.ROOT)));
    }
    if (timeoutMs != null && !timeoutMs.isBlank()) {
      b.setTimeoutMs(Long.parseLong(timeoutMs.trim()));
    }
    if (maxResults != null && !maxResults.isBlank()) {
      b.setMaxResults(Integer.parseInt(maxResults.trim()));
    }
  }

  private static void authorize(RoutingContext ctx, ApiAuth auth) {
    if (ApiAuth.mutating(ctx.request().method()) && !auth.accepts(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      ApiErrors.send(ctx, new JuiceException(ErrorCode.UNAUTHENTICATED, "this call needs Authorization: Bearer <api token>"));
      return;
    }
    ctx.next();
  }

  /** Failures raised by vertx-web itself (body too large, a handler that threw) in the JSON error form. */
  private static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (failure != null && !(failure instanceof HttpException)) {
      ApiErrors.send(ctx, failure);
    } else if (status == 413) {
      ApiErrors.send(ctx, JuiceException.invalidArgument("request body larger than the limit (api.maxBodyBytes)"));
    } else if (status >= 400 && status < 500) {
      ApiErrors.send(ctx, JuiceException.invalidArgument("bad request (HTTP " + status + ")"));
    } else {
      ApiErrors.send(ctx, JuiceException.internal("request failed (HTTP " + status + ")", failure));
    }
  }
}
