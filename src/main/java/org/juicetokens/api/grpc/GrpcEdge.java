package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.health.handler.GrpcHealthCheckV1Handler;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcProtocol;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import org.juicetokens.api.v1.DiscoveryServiceGrpcService;
import org.juicetokens.api.v1.IdentityServiceGrpcService;
import org.juicetokens.api.v1.NodeServiceGrpcService;
import org.juicetokens.api.v1.TokenServiceGrpcService;
import org.juicetokens.api.v1.TransactionServiceGrpcService;
import org.juicetokens.api.v1.TransportServiceGrpcService;
import org.juicetokens.api.v1.TrustServiceGrpcService;
import org.juicetokens.node.config.Setting;
import org.juicetokens.node.config.Settings;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The node's gRPC server: NodeService, DiscoveryService, IdentityService, TokenService, TransactionService, {@code grpc.health.v1.Health} (SERVING while the node's
 * health checks are UP) and server reflection, over HTTP/2 and gRPC-Web (HTTP/1.1).
 * HTTP/JSON is not transcoded here. Measured with Vert.x 5.0.7 transcoding switched on: a request
 * without {@code Content-Type: application/json} exactly (a plain GET, or "; charset=utf-8") gets
 * 415; a failed call gets the HTTP status of its gRPC status with an empty body (the message only
 * in a grpc-message header); an unknown route and the custom-verb route /api/v1/dht:stats get 500.
 * So the /api/v1 routes are served by {@code api.http.ApiRoutes}, calling this same service object.
 */
public final class GrpcEdge {
  private GrpcEdge() {
  }

  public static GrpcServer create(Vertx vertx, NodeGrpcService nodeService, DiscoveryGrpcService discoveryService, HealthChecks health) {
    return create(vertx, nodeService, discoveryService, new TransportGrpcService(vertx.eventBus(), nodeService.timeoutMs()), health);
  }

  public static GrpcServer create(Vertx vertx, NodeGrpcService nodeService, DiscoveryGrpcService discoveryService,
                                  TransportGrpcService transport, HealthChecks health) {
    return create(vertx, nodeService, discoveryService, transport, new IdentityGrpcService(vertx.eventBus(), nodeService.timeoutMs()),
      new TokenGrpcService(vertx.eventBus(), nodeService.timeoutMs()), health);
  }

  public static GrpcServer create(Vertx vertx, NodeGrpcService nodeService, DiscoveryGrpcService discoveryService,
                                  TransportGrpcService transport, IdentityGrpcService identity, TokenGrpcService tokens,
                                  HealthChecks health) {
    // the transaction timeouts at their defaults (HttpServerVerticle passes the configured ones)
    return create(vertx, nodeService, discoveryService, transport, identity, tokens,
      new TransactionGrpcService(vertx, nodeService.timeoutMs(), defaultOf(Settings.API_TRANSFER_TIMEOUT_MS),
        defaultOf(Settings.AUDIT_MEMBER_TIMEOUT_MS), defaultOf(Settings.API_TRANSFER_WATCH_MS)), health);
  }

  private static long defaultOf(Setting setting) {
    return Long.parseLong(setting.defaultValue());
  }

  public static GrpcServer create(Vertx vertx, NodeGrpcService nodeService, DiscoveryGrpcService discoveryService,
                                  TransportGrpcService transport, IdentityGrpcService identity, TokenGrpcService tokens,
                                  TransactionGrpcService transactions, HealthChecks health) {
    return create(vertx, nodeService, discoveryService, transport, identity, tokens, transactions,
      new ChainGrpcService(vertx.eventBus(), nodeService.timeoutMs()), new TrustGrpcService(vertx.eventBus(), nodeService.timeoutMs()),
      health);
  }

  public static GrpcServer create(Vertx vertx, NodeGrpcService nodeService, DiscoveryGrpcService discoveryService,
                                  TransportGrpcService transport, IdentityGrpcService identity, TokenGrpcService tokens,
                                  TransactionGrpcService transactions, ChainGrpcService chains, TrustGrpcService trust,
                                  HealthChecks health) {
    return create(vertx, nodeService, discoveryService, transport, identity, tokens, transactions, chains, trust,
      new EggGrpcService(vertx.eventBus(), nodeService.timeoutMs()), health);
  }

  public static GrpcServer create(Vertx vertx, NodeGrpcService nodeService, DiscoveryGrpcService discoveryService,
                                  TransportGrpcService transport, IdentityGrpcService identity, TokenGrpcService tokens,
                                  TransactionGrpcService transactions, ChainGrpcService chains, TrustGrpcService trust,
                                  EggGrpcService eggs, HealthChecks health) {
    GrpcServer server = GrpcServer.server(vertx, new GrpcServerOptions().removeEnabledProtocol(GrpcProtocol.TRANSCODING));
    Supplier<Future<Boolean>> nodeUp = () -> health.checkStatus().map(CheckResult::isUp);
    String nodeServiceName = NodeServiceGrpcService.SERVICE_NAME.fullyQualifiedName();
    // registered before HealthService so this handler answers Check (the first matching handler wins)
    server.callHandler(GrpcHealthCheckV1Handler.SERVICE_METHOD, new NodeHealthCheck(server, Map.of(nodeServiceName, nodeUp), nodeUp));
    server.addService(NodeServiceGrpcService.of(nodeService));
    server.addService(TransportServiceGrpcService.of(transport));
    server.addService(DiscoveryServiceGrpcService.of(discoveryService));
    server.addService(IdentityServiceGrpcService.of(identity));
    server.addService(TokenServiceGrpcService.of(tokens));
    server.addService(TransactionServiceGrpcService.of(transactions));
    server.addService(org.juicetokens.api.v1.ChainServiceGrpcService.of(chains));
    server.addService(TrustServiceGrpcService.of(trust));
    server.addService(org.juicetokens.api.v1.EggServiceGrpcService.of(eggs));
    server.addService(org.juicetokens.api.v1.RenewalServiceGrpcService.of(new RenewalGrpcService(vertx.eventBus(), nodeService.timeoutMs())));
    server.addService(HealthService.create(vertx).register(nodeServiceName, nodeUp));
    server.addService(ReflectionService.v1());
    return server;
  }
}
