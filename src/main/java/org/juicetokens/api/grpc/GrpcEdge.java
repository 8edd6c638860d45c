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
import io.vertx.grpc.server.Service;
import org.juicetokens.api.ApiServices;
import org.juicetokens.api.v1.ChainServiceGrpcService;
import org.juicetokens.api.v1.DiscoveryServiceGrpcService;
import org.juicetokens.api.v1.EggServiceGrpcService;
import org.juicetokens.api.v1.IdentityServiceGrpcService;
import org.juicetokens.api.v1.NodeServiceGrpcService;
import org.juicetokens.api.v1.RenewalServiceGrpcService;
import org.juicetokens.api.v1.TokenServiceGrpcService;
import org.juicetokens.api.v1.TransactionServiceGrpcService;
import org.juicetokens.api.v1.TransportServiceGrpcService;
import org.juicetokens.api.v1.TrustServiceGrpcService;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The node's gRPC server: the services of {@link ApiServices}, {@code grpc.health.v1.Health} (SERVING while the node's
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

  /** A server with every service present in {@code services} (an absent one is not registered), health and reflection. */
  public static GrpcServer create(Vertx vertx, ApiServices services, HealthChecks health) {
    GrpcServer server = GrpcServer.server(vertx, new GrpcServerOptions().removeEnabledProtocol(GrpcProtocol.TRANSCODING));
    Supplier<Future<Boolean>> nodeUp = () -> health.checkStatus().map(CheckResult::isUp);
    String nodeServiceName = NodeServiceGrpcService.SERVICE_NAME.fullyQualifiedName();
    // registered before HealthService so this handler answers Check (the first matching handler wins)
    server.callHandler(GrpcHealthCheckV1Handler.SERVICE_METHOD, new NodeHealthCheck(server, Map.of(nodeServiceName, nodeUp), nodeUp));
    server.addService(NodeServiceGrpcService.of(services.node()));
    register(server, services.transport(), TransportServiceGrpcService::of);
    server.addService(DiscoveryServiceGrpcService.of(services.discovery()));
    register(server, services.identity(), IdentityServiceGrpcService::of);
    register(server, services.tokens(), TokenServiceGrpcService::of);
    register(server, services.transactions(), TransactionServiceGrpcService::of);
    register(server, services.chains(), ChainServiceGrpcService::of);
    register(server, services.trust(), TrustServiceGrpcService::of);
    register(server, services.eggs(), EggServiceGrpcService::of);
    register(server, services.renewals(), RenewalServiceGrpcService::of);
    server.addService(HealthService.create(vertx).register(nodeServiceName, nodeUp));
    server.addService(ReflectionService.v1());
    return server;
  }

  private static <S> void register(GrpcServer server, S service, Function<S, Service> binding) {
    if (service != null) {
      server.addService(binding.apply(service));
    }
  }
}
