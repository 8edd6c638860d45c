package org.juicetokens.node;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import org.juicetokens.api.v1.NodeServiceGrpcClient;
import org.juicetokens.governance.health.proto.ComponentHealth;
import org.juicetokens.governance.health.proto.HealthDetails;
import org.juicetokens.governance.health.proto.HealthDetailsRequest;
import org.juicetokens.governance.health.proto.HealthStatus;
import org.juicetokens.governance.health.proto.NodeResources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/juice health}: asks a node over gRPC ({@code NodeService/GetHealthDetails} and
 * {@code grpc.health.v1.Health/Check}) and prints the overall status, the node's resources and
 * every component with its status, load, reason and data.
 * Exit 0 when UP, 2 when DEGRADED (serving, look at the reasons), 1 when DOWN, 3 when the node
 * cannot be reached or does not answer.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
  description = "Show a node's health over gRPC (exit 0 UP, 2 DEGRADED, 1 DOWN, 3 unreachable).")
final class HealthCommand implements Callable<Integer> {
  static final int EXIT_UP = 0;
  static final int EXIT_DOWN = 1;
  static final int EXIT_DEGRADED = 2;
  static final int EXIT_UNREACHABLE = 3;

  private static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> HEALTH_CHECK = ServiceMethod.client(
    ServiceName.create("grpc.health.v1.Health"), "Check", GrpcMessageEncoder.encoder(),
    GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));

  @Option(names = "--node", defaultValue = "localhost:8080", description = "host:port of the node (default ${DEFAULT-VALUE})")
  String node;
  @Option(names = "--timeout", defaultValue = "5", description = "seconds to wait for the answer (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    SocketAddress address;
    try {
      address = parse(node);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return EXIT_UNREACHABLE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions().setConnectTimeout(timeoutSeconds * 1000));
      HealthDetails details = NodeServiceGrpcClient.create(client, address)
        .getHealthDetails(HealthDetailsRequest.getDefaultInstance())
        .await(timeoutSeconds, TimeUnit.SECONDS);
      String serving = client.request(address, HEALTH_CHECK)
        .compose(request -> request.send(HealthCheckRequest.getDefaultInstance()))
        .compose(response -> response.last())
        .map(response -> response.getStatus().name())
        .otherwise(failure -> "unknown (" + failure.getMessage() + ")")
        .await(timeoutSeconds, TimeUnit.SECONDS);
      print(details, serving);
      return exitCode(details);
    } catch (Exception e) {
      err.println("node " + node + " unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return EXIT_UNREACHABLE;
    } finally {
      closeQuietly(vertx);
    }
  }

  /** 0 UP, 2 DEGRADED, 1 DOWN; a node that names no overall status (older) is judged by its up flag. */
  static int exitCode(HealthDetails details) {
    return switch (overall(details)) {
      case "UP" -> EXIT_UP;
      case "DEGRADED" -> EXIT_DEGRADED;
      default -> EXIT_DOWN;
    };
  }

  private static String overall(HealthDetails details) {
    return details.getOverall() == HealthStatus.HEALTH_STATUS_UNSPECIFIED || details.getOverall() == HealthStatus.UNRECOGNIZED
      ? (details.getUp() ? "UP" : "DOWN") : details.getOverall().name();
  }

  private void print(HealthDetails details, String serving) {
    out.printf("node %s: %s   load %.1f %%   (grpc.health.v1: %s)%n", details.getNodeId(), overall(details),
      details.getLoadPercent(), serving);
    if (details.hasResources()) {
      NodeResources r = details.getResources();
      out.printf("  resources: cpu %s   heap %s of %s   open files %s of %s   event-loop delay %.1f ms%n",
        r.getProcessCpuPercent() < 0 ? "?" : String.format("%.1f %%", r.getProcessCpuPercent()),
        mib(r.getHeapUsedBytes()), r.getHeapMaxBytes() <= 0 ? "?" : mib(r.getHeapMaxBytes()),
        r.getOpenFiles() < 0 ? "?" : r.getOpenFiles(), r.getMaxFiles() < 0 ? "?" : r.getMaxFiles(), r.getEventLoopDelayMs());
    }
    for (ComponentHealth component : details.getComponentsList()) {
      String data;
      try {
        data = new JsonObject(component.getDataJson()).encode();
      } catch (RuntimeException e) {
        data = component.getDataJson();
      }
      String status = component.getStatus() == HealthStatus.HEALTH_STATUS_UNSPECIFIED || component.getStatus() == HealthStatus.UNRECOGNIZED
        ? (component.getUp() ? "UP" : "DOWN") : component.getStatus().name();
      String load = component.getHasLoad() ? String.format("%5.1f%%", component.getLoadPercent()) : "     -";
      String reason = component.getReason().isEmpty() ? "" : "  <- " + component.getReason();
      out.printf("  %-12s %-8s %s%s%n      %s%n", component.getId(), status, load, reason, data);
    }
  }

  private static String mib(long bytes) {
    return String.format("%.0f MiB", bytes / 1048576.0);
  }

  /** The command's answer is already printed; a slow close only delays the exit, so it is bounded and reported. */
  private void closeQuietly(Vertx vertx) {
    try {
      vertx.close().await(timeoutSeconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("(closing the client took too long: " + e.getMessage() + ")");
    }
  }

  static SocketAddress parse(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("--node must be host:port, got '" + hostPort + "'");
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
      return SocketAddress.inetSocketAddress(port, host);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--node must be host:port, got '" + hostPort + "'");
    }
  }
}
