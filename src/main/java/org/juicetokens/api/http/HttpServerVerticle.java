package org.juicetokens.api.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.grpc.common.ServiceMethod;
import org.juicetokens.api.ApiServices;
import org.juicetokens.api.grpc.ChainGrpcService;
import org.juicetokens.api.grpc.DiscoveryGrpcService;
import org.juicetokens.api.grpc.EggGrpcService;
import org.juicetokens.api.grpc.ExtensionGrpcService;
import org.juicetokens.api.grpc.GrpcEdge;
import org.juicetokens.api.grpc.IdentityGrpcService;
import org.juicetokens.api.grpc.NodeGrpcService;
import org.juicetokens.api.grpc.RenewalGrpcService;
import org.juicetokens.api.grpc.TokenGrpcService;
import org.juicetokens.api.grpc.TransactionGrpcService;
import org.juicetokens.api.grpc.TransferEventRelay;
import org.juicetokens.api.grpc.TransportGrpcService;
import org.juicetokens.api.grpc.TrustGrpcService;
import org.juicetokens.api.v1.TransactionServiceGrpcService;
import org.juicetokens.governance.admin.AdminEventsHandler;
import org.juicetokens.governance.admin.AdminSnapshotSource;
import org.juicetokens.governance.health.ClusterHealth;
import org.juicetokens.governance.health.MembershipHealth;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.transport.pipe.PipeVerticle;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The node's single HTTP port: /health, /metrics, the admin console (/admin/, /admin/events),
 * HTTP/JSON under /api/v1, and gRPC / gRPC-Web (by content type). Wiring only; handlers live in
 * their own classes. Also registers the "cluster" health procedure. With a pipe acceptor,
 * {@code /pipe} upgrades to a WebSocket handed to the pipe verticle (which owns every pipe).
 */
public final class HttpServerVerticle extends VerticleBase {
  private final NodeContext node;
  private final Handler<ServerWebSocket> pipes;
  private volatile int actualPort = -1;
  private AdminEventsHandler adminEvents;
  private ExtensionNotificationsHandler extensionNotifications;
  private TransferEventRelay transferEvents;

  public HttpServerVerticle(NodeContext node) {
    this(node, null);
  }

  /** {@code pipes}: where upgraded {@code /pipe} sockets go; null = no {@code /pipe} route. */
  public HttpServerVerticle(NodeContext node, Handler<ServerWebSocket> pipes) {
    this.node = node;
    this.pipes = pipes;
  }

  @Override
  public Future<?> start() {
    NodeConfig config = node.config();
    new ClusterHealth(node.hazelcast(), node.nodeId(), new MembershipHealth(config.integer(Settings.HEALTH_EXPECTED_MEMBERS)))
      .register(node.health(), node.instrumented());
    ApiAuth auth = ApiAuth.of(config.string(Settings.API_TOKEN));
    long timeoutMs = config.requestTimeoutMs();
    // built once here and served by both faces; a new service is one line here (see ApiServices)
    ApiServices services = ApiServices.builder(
        new NodeGrpcService(vertx.eventBus(), timeoutMs, node.health(), node.instrumented(), node.nodeId()),
        new DiscoveryGrpcService(vertx.eventBus(), timeoutMs))
      .transport(new TransportGrpcService(vertx.eventBus(), timeoutMs))
      .identity(new IdentityGrpcService(vertx.eventBus(), timeoutMs))
      .tokens(new TokenGrpcService(vertx.eventBus(), timeoutMs))
      .transactions(new TransactionGrpcService(vertx, timeoutMs, config.longValue(Settings.API_TRANSFER_TIMEOUT_MS),
        config.longValue(Settings.AUDIT_MEMBER_TIMEOUT_MS), config.longValue(Settings.API_TRANSFER_WATCH_MS)))
      .chains(new ChainGrpcService(vertx.eventBus(), timeoutMs))
      .trust(new TrustGrpcService(vertx.eventBus(), timeoutMs))
      .eggs(new EggGrpcService(vertx.eventBus(), timeoutMs))
      .renewals(new RenewalGrpcService(vertx.eventBus(), timeoutMs))
      .extensions(new ExtensionGrpcService(vertx.eventBus(), timeoutMs))
      .build();
    GrpcEdge.Edge grpc = GrpcEdge.create(vertx, services, node.health());

    long intervalMs = config.longValue(Settings.ADMIN_SNAPSHOT_MS);
    adminEvents = new AdminEventsHandler(vertx,
      new AdminSnapshotSource(vertx.eventBus(), node.health(), node.instrumented().stats(), node.nodeId(), config.requestTimeoutMs(), intervalMs),
      intervalMs, config.integer(Settings.ADMIN_MAX_CONNECTIONS), node.registry());

    Router router = Router.router(vertx);
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(node.health()));
    router.get("/metrics").handler(new MetricsHandler(node.registry()));
    // a regex route matches exactly; the plain path "/admin" would also match "/admin/"
    router.getWithRegex("/admin").handler(ctx -> ctx.redirect("/admin/"));
    router.get("/admin/events").handler(adminEvents);
    // uPlot for the console's charts, served from its WebJar on the class path (offline, no CDN)
    router.route("/admin/vendor/uplot/*").handler(StaticHandler.create("META-INF/resources/webjars/uplot/1.6.30/dist"));
    router.route("/admin/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    if (pipes != null) {
      router.get("/pipe").handler(ctx -> ctx.request().toWebSocket().onComplete(pipes::handle, failure -> {
        if (!ctx.response().headWritten()) {
          ctx.response().setStatusCode(400).end("a WebSocket upgrade is expected on /pipe");
        }
      }));
    }
    // before ApiRoutes: the /api/v1/extensions/:id routes must not take "notifications" for an id
    extensionNotifications = new ExtensionNotificationsHandler(vertx, config.longValue(Settings.EXTENSION_SSE_HEARTBEAT_MS),
      config.integer(Settings.EXTENSION_SSE_MAX_STREAMS), node.registry());
    router.get(ExtensionNotificationsHandler.PATH).handler(extensionNotifications);
    ApiRoutes.mount(router, services, vertx, config.longValue(Settings.API_TRANSFER_WATCH_MS), auth,
      config.integer(Settings.API_MAX_BODY_BYTES));

    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setMaxWebSocketMessageSize(PipeVerticle.maxWireUnitBytes(config)));
    transferEvents = new TransferEventRelay(vertx.eventBus());
    return transferEvents.start().compose(v -> server.requestHandler(new EdgeDispatcher(grpc.server(), router, auth, mutatingGrpcPaths(grpc.methods())))
      .listen(config.httpPort(), config.httpHost())
      .onSuccess(s -> actualPort = s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    node.health().unregister(ClusterHealth.ID);
    if (adminEvents != null) {
      adminEvents.close();
    }
    if (extensionNotifications != null) {
      extensionNotifications.close();
    }
    return transferEvents == null ? Future.succeededFuture() : transferEvents.stop();
  }

  /** The methods whose HTTP rule mutates, plus WatchTransfer (no HTTP rule, but it starts a transfer). */
  private static Set<String> mutatingGrpcPaths(List<ServiceMethod<?, ?>> methods) {
    Set<String> paths = new HashSet<>(ApiAuth.mutatingGrpcPaths(methods));
    paths.add("/" + TransactionServiceGrpcService.WatchTransfer.fullMethodName());
    return Set.copyOf(paths);
  }

  /** The bound port (differs from the configured one when that is 0). */
  public int actualPort() {
    return actualPort;
  }
}
