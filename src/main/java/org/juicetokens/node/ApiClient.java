package org.juicetokens.node;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The options and the one gRPC call of the API client commands ({@code token}, {@code balance}):
 * {@code --node host:port}, {@code --token} (or JT_API_TOKEN) sent as {@code authorization: Bearer}
 * on mutating calls, {@code --json} for the proto3 JSON answer, {@code --timeout}. Exit 0 with the
 * answer, 1 when the node refused the call (one line: status and message), 2 on a bad argument,
 * 3 when the node cannot be reached.
 */
final class ApiClient {
  static final int EXIT_OK = 0;
  static final int EXIT_REFUSED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_UNREACHABLE = 3;

  @Option(names = "--node", defaultValue = "localhost:8080", description = "host:port of the node (default ${DEFAULT-VALUE})")
  String node;
  @Option(names = "--token", defaultValue = "${env:JT_API_TOKEN}", description = "API token for mutating calls (default: $JT_API_TOKEN)")
  String token;
  @Option(names = "--json", description = "print the answer as proto3 JSON")
  boolean json;
  @Option(names = "--timeout", defaultValue = "15", description = "seconds to wait for the answer (default ${DEFAULT-VALUE})")
  int timeoutSeconds;

  /** A call that was answered with a non-OK gRPC status. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(GrpcStatus status, String message) {
      // the node's messages already start with the error code name ("INVALID_ARGUMENT: ...")
      super(message == null || message.isEmpty() ? status.name() : message);
    }
  }

  /** Calls {@code method} and prints the answer with {@code human} (or as JSON); answers the exit code. */
  <Q extends Message, R extends Message> int call(ServiceMethod<R, Q> method, Q request, boolean mutating,
                                                  Function<R, String> human, PrintStream out, PrintStream err) {
    SocketAddress address;
    try {
      address = HealthCommand.parse(node);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return EXIT_USAGE;
    }
    Vertx vertx = Vertx.vertx();
    try {
      GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions().setConnectTimeout(timeoutSeconds * 1000));
      R reply = client.request(address, method).compose(req -> {
        if (mutating && token != null && !token.isBlank()) {
          req.headers().set("authorization", "Bearer " + token.trim());
        }
        return req.send(request);
      }).compose(resp -> resp.last().transform(ar -> ar.succeeded() ? Future.succeededFuture(ar.result())
        : Future.<R>failedFuture(new Refused(resp.status(), resp.statusMessage()))))
        .await(timeoutSeconds, TimeUnit.SECONDS);
      out.println(json ? JsonFormat.printer().print(reply) : human.apply(reply));
      return EXIT_OK;
    } catch (Refused e) {
      err.println("node " + node + " refused the call: " + e.getMessage());
      return EXIT_REFUSED;
    } catch (InvalidProtocolBufferException e) {
      err.println("unprintable answer: " + e.getMessage());
      return EXIT_REFUSED;
    } catch (Exception e) {
      err.println("node " + node + " unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return EXIT_UNREACHABLE;
    } finally {
      try {
        vertx.close().await(timeoutSeconds, TimeUnit.SECONDS);
      } catch (Exception e) {
        err.println("(closing the client took too long: " + e.getMessage() + ")");
      }
    }
  }
}
