package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.health.handler.GrpcHealthCheckV1Handler;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcProtocol;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.Service;
import org.juicetokens.api.ApiServices;
import org.juicetokens.api.v1.ChainServiceGrpcService;
import org.juicetokens.api.v1.DiscoveryServiceGrpcService;
import org.juicetokens.api.v1.EggServiceGrpcService;
import org.juicetokens.api.v1.ExtensionServiceGrpcService;
import org.juicetokens.api.v1.IdentityServiceGrpcService;
import org.juicetokens.api.v1.NodeServiceGrpcService;
import org.juicetokens.api.v1.RenewalServiceGrpcService;
import org.juicetokens.api.v1.TokenServiceGrpcService;
import org.juicetokens.api.v1.TransactionServiceGrpcService;
import org.juicetokens.api.v1.TransportServiceGrpcService;
import org.juicetokens.api.v1.TrustServiceGrpcService;

import java.util.ArrayList;
import java.util.List;
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

  /** The server, and the methods of every service registered on it (from which the mutating ones are found). */
  public record Edge(GrpcServer server, List<ServiceMethod<?, ?>> methods) {
  }

  /**
   * A server with every service present in {@code services} (an absent one is not registered), health and
   * reflection. The methods are collected where the services are registered, so the list the bearer-token check
   * is built from cannot miss a service.
   */
  public static Edge create(Vertx vertx, ApiServices services, HealthChecks health) {
    GrpcServer server = GrpcServer.server(vertx, new GrpcServerOptions().removeEnabledProtocol(GrpcProtocol.TRANSCODING));
    List<ServiceMethod<?, ?>> methods = new ArrayList<>();
    Supplier<Future<Boolean>> nodeUp = () -> health.checkStatus().map(CheckResult::isUp);
    String nodeServiceName = NodeServiceGrpcService.SERVICE_NAME.fullyQualifiedName();
    // registered before HealthService so this handler answers Check (the first matching handler wins)
    server.callHandler(GrpcHealthCheckV1Handler.SERVICE_METHOD, new NodeHealthCheck(server, Map.of(nodeServiceName, nodeUp), nodeUp));
    register(server, methods, services.node(), NodeServiceGrpcService::of, NodeServiceGrpcService.all());
    register(server, methods, services.transport(), TransportServiceGrpcService::of, TransportServiceGrpcService.all());
    register(server, methods, services.discovery(), DiscoveryServiceGrpcService::of, DiscoveryServiceGrpcService.all());
    register(server, methods, services.identity(), IdentityServiceGrpcService::of, IdentityServiceGrpcService.all());
    register(server, methods, services.tokens(), TokenServiceGrpcService::of, TokenServiceGrpcService.all());
    register(server, methods, services.transactions(), TransactionServiceGrpcService::of, TransactionServiceGrpcService.all());
    register(server, methods, services.chains(), ChainServiceGrpcService::of, ChainServiceGrpcService.all());
    register(server, methods, services.trust(), TrustServiceGrpcService::of, TrustServiceGrpcService.all());
    register(server, methods, services.eggs(), EggServiceGrpcService::of, EggServiceGrpcService.all());
    register(server, methods, services.renewals(), RenewalServiceGrpcService::of, RenewalServiceGrpcService.all());
    register(server, methods, services.extensions(), ExtensionServiceGrpcService::of, ExtensionServiceGrpcService.all());
    server.addService(HealthService.create(vertx).register(nodeServiceName, nodeUp));
    server.addService(ReflectionService.v1());
    return new Edge(server, List.copyOf(methods));
  }

  private static <S> void register(GrpcServer server, List<ServiceMethod<?, ?>> methods, S service, Function<S, Service> binding,
                                   List<? extends ServiceMethod<?, ?>> all) {
    if (service != null) {
      server.addService(binding.apply(service));
      methods.addAll(all);
    }
  }
}
