package org.juicetokens.api.grpc;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Bus;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;

/**
 * What every gRPC service implementation does: ask the owning layer by address with the node's
 * timeout, and let failures leave as gRPC statuses carrying the ErrorCode ({@link Errors#toGrpc}).
 */
final class LayerCalls {
  private LayerCalls() {
  }

  static <R extends Message> Future<R> ask(EventBus bus, String address, Message request, long timeoutMs, Class<R> replyType) {
    return asGrpc(Bus.request(bus, address, request, timeoutMs, replyType));
  }

  static <R> Future<R> asGrpc(Future<R> result) {
    return result.recover(failure -> Future.failedFuture(Errors.toGrpc(failure)));
  }

  static <R> Future<R> invalid(String message) {
    return Future.failedFuture(Errors.toGrpc(JuiceException.invalidArgument(message)));
  }
}
