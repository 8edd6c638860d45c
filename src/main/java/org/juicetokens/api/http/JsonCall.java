package org.juicetokens.api.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.juicetokens.common.JuiceException;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One HTTP/JSON route onto one RPC, with the proto3 JSON mapping (lowerCamelCase fields, int64
 * as strings, bytes as base64): the request message is the JSON body (when the route has one)
 * with the path variables set over it, as {@code google.api.http} transcoding does.
 */
final class JsonCall<B extends Message.Builder> implements Handler<RoutingContext> {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence()
    .omittingInsignificantWhitespace();

  private final Supplier<B> newBuilder;
  private final boolean readsBody;
  private final BiConsumer<RoutingContext, B> pathVariables;
  private final Function<B, Future<? extends Message>> rpc;

  private JsonCall(Supplier<B> newBuilder, boolean readsBody, BiConsumer<RoutingContext, B> pathVariables,
                   Function<B, Future<? extends Message>> rpc) {
    this.newBuilder = newBuilder;
    this.readsBody = readsBody;
    this.pathVariables = pathVariables;
    this.rpc = rpc;
  }

  /** A call without a body and without path variables. */
  static <B extends Message.Builder> JsonCall<B> of(Supplier<B> newBuilder, Function<B, Future<? extends Message>> rpc) {
    return new JsonCall<>(newBuilder, false, (ctx, b) -> { }, rpc);
  }

  static <B extends Message.Builder> JsonCall<B> withPath(Supplier<B> newBuilder, BiConsumer<RoutingContext, B> pathVariables,
                                                          Function<B, Future<? extends Message>> rpc) {
    return new JsonCall<>(newBuilder, false, pathVariables, rpc);
  }

  static <B extends Message.Builder> JsonCall<B> withBody(Supplier<B> newBuilder, BiConsumer<RoutingContext, B> pathVariables,
                                                          Function<B, Future<? extends Message>> rpc) {
    return new JsonCall<>(newBuilder, true, pathVariables, rpc);
  }

  @Override
  public void handle(RoutingContext ctx) {
    B builder = newBuilder.get();
    if (readsBody) {
      String json = ctx.body().asString();
      if (json != null && !json.isBlank()) {
        try {
          PARSER.merge(json, builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
          ApiErrors.send(ctx, JuiceException.invalidArgument("malformed JSON body: " + e.getMessage()));
          return;
        }
      }
    }
    Future<? extends Message> reply;
    try {
      pathVariables.accept(ctx, builder);
      reply = rpc.apply(builder);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(message -> respond(ctx, message), failure -> ApiErrors.send(ctx, failure));
  }

  private static void respond(RoutingContext ctx, Message message) {
    String json;
    try {
      json = PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      ApiErrors.send(ctx, JuiceException.internal("unprintable answer: " + e.getMessage(), e));
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(json);
  }
}
