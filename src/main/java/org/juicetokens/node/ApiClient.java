package org.juicetokens.node;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every API client command ({@code identity}, {@code token}, {@code balance}) shares, as a
 * picocli mixin: {@code --node host:port}, {@code --token} (or JT_API_TOKEN) sent as
 * {@code authorization: Bearer ...} metadata on mutating calls, {@code --timeout}, {@code --json}
 * for the proto3 JSON answer; and gRPC calls with one exit-code contract: 0 answered, 1 refused by
 * the node (one line: its message), 2 bad argument, 3 node unreachable.
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
  @Option(names = "--timeout", defaultValue = "15", description = "seconds to wait for the answer (default ${DEFAULT-VALUE})")
  int timeoutSeconds;
  @Option(names = "--json", description = "print the answer as proto3 JSON")
  boolean json;

  PrintStream out = System.out;
  PrintStream err = System.err;

  /** A call that failed with an exit code already decided (the message is what to print). */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final int exit;

    Failed(int exit, String message) {
      super(message, null, false, false);
      this.exit = exit;
    }
  }

  @FunctionalInterface
  interface Body {
    int run(Vertx vertx) throws Failed;
  }

  /** One call printed with {@code human} (or as JSON), in a client of its own; answers the exit code. */
  <Q extends Message, R extends Message> int call(ServiceMethod<R, Q> method, Q request, boolean mutating,
                                                  Function<R, String> human) {
    return run(vertx -> {
      R reply = call(vertx, method, request, mutating);
      if (json) {
        print(reply);
      } else {
        out.println(human.apply(reply));
      }
      return EXIT_OK;
    });
  }

  /** Runs {@code body} (one or more calls) with a client Vert.x closed afterwards; a failure prints one line on stderr. */
  int run(Body body) {
    Vertx vertx = Vertx.vertx();
    try {
      return body.run(vertx);
    } catch (Failed f) {
      err.println(f.getMessage());
      return f.exit;
    } finally {
      try {
        vertx.close().await(timeoutSeconds, TimeUnit.SECONDS);
      } catch (Exception e) {
        err.println("(closing the client took too long: " + e.getMessage() + ")");
      }
    }
  }

  /** A mutating call (the token is sent when there is one). */
  <Q extends Message, R extends Message> R call(Vertx vertx, ServiceMethod<R, Q> method, Q request) throws Failed {
    return call(vertx, method, request, true);
  }

  <Q extends Message, R extends Message> R call(Vertx vertx, ServiceMethod<R, Q> method, Q request, boolean mutating) throws Failed {
    SocketAddress address;
    try {
      address = HealthCommand.parse(node);
    } catch (IllegalArgumentException e) {
      throw new Failed(EXIT_USAGE, e.getMessage());
    }
    GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions().setConnectTimeout(timeoutSeconds * 1000));
    try {
      return client.request(address, method)
        .compose(req -> {
          if (mutating && token != null && !token.isBlank()) {
            req.headers().set("authorization", "Bearer " + token.trim());
          }
          return req.send(request);
        })
        .compose(resp -> resp.last().recover(failure -> Future.failedFuture(resp.status() != null && resp.status() != GrpcStatus.OK
          ? new Failed(EXIT_REFUSED, refusal(resp.status(), resp.statusMessage()))
          : failure)))
        .await(timeoutSeconds, TimeUnit.SECONDS);
    } catch (InvalidStatusException e) {
      throw new Failed(EXIT_REFUSED, refusal(e.actualStatus(), null));
    } catch (Exception e) {
      throw failed(e, "node " + node + " unreachable: ");
    }
  }

  /**
   * A server-streaming call: {@code each} sees every message as it arrives (on the client's event
   * loop), and this returns once the stream ended OK; a non-OK end is EXIT_REFUSED with its message.
   * The whole stream must end within {@code --timeout}.
   */
  <Q extends Message, R extends Message> void stream(Vertx vertx, ServiceMethod<R, Q> method, Q request, boolean mutating,
                                                     Consumer<R> each) throws Failed {
    SocketAddress address;
    try {
      address = HealthCommand.parse(node);
    } catch (IllegalArgumentException e) {
      throw new Failed(EXIT_USAGE, e.getMessage());
    }
    GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions().setConnectTimeout(timeoutSeconds * 1000));
    try {
      client.request(address, method)
        .compose(req -> {
          if (mutating && token != null && !token.isBlank()) {
            req.headers().set("authorization", "Bearer " + token.trim());
          }
          return req.send(request);
        })
        .compose(resp -> {
          // set on the event loop as the head arrives: before any message can be delivered
          resp.handler(each::accept);
          return resp.end().transform(ar -> resp.status() != null && resp.status() != GrpcStatus.OK
            ? Future.<Void>failedFuture(new Failed(EXIT_REFUSED, refusal(resp.status(), statusMessage(resp.statusMessage(), resp.trailers()))))
            : ar.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(ar.cause()));
        })
        .await(timeoutSeconds, TimeUnit.SECONDS);
    } catch (InvalidStatusException e) {
      throw new Failed(EXIT_REFUSED, refusal(e.actualStatus(), null));
    } catch (Exception e) {
      throw failed(e, "node " + node + " unreachable or no end of the stream within " + timeoutSeconds + " s: ");
    }
  }

  /** A call's failure as the CLI reports it: the node's refusal as it came, anything else EXIT_UNREACHABLE after {@code unreachable}. */
  private static Failed failed(Exception e, String unreachable) {
    if (e instanceof Failed refused) {
      return refused;
    }
    if (e.getCause() instanceof Failed refused) {
      return refused;
    }
    return new Failed(EXIT_UNREACHABLE, unreachable + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
  }

  /**
   * The status message of a stream; Vert.x 5.0.7's client leaves {@code statusMessage()} null when
   * the stream failed, the message is then only in the (percent-encoded) grpc-message trailer.
   */
  static String statusMessage(String message, io.vertx.core.MultiMap trailers) {
    if (message != null || trailers == null || trailers.get("grpc-message") == null) {
      return message;
    }
    // gRPC percent-encodes; a literal '+' is not a space
    return java.net.URLDecoder.decode(trailers.get("grpc-message").replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  private String refusal(GrpcStatus status, String message) {
    // the node's messages already start with the error code name ("INVALID_ARGUMENT: ...")
    return "node " + node + " refused the call: " + (message == null || message.isBlank() ? status.name() : message);
  }

  void print(Message answer) {
    try {
      out.println(JsonFormat.printer().print(answer));
    } catch (InvalidProtocolBufferException e) {
      err.println("unprintable answer: " + e.getMessage());
    }
  }
}
