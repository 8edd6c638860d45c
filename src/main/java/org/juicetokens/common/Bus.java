package org.juicetokens.common;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.function.Function;

/**
 * Request/reply on the event bus with protobuf bodies: every request has a timeout, every
 * failure comes back as a {@link JuiceException} (timeouts and missing handlers as UNAVAILABLE).
 */
public final class Bus {
  private Bus() {
  }

  public static <R extends Message> Future<R> request(EventBus bus, String address, Message body, long timeoutMs, Class<R> replyType) {
    return bus.<Message>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMs))
      .recover(failure -> Future.failedFuture(Errors.toJuice(failure)))
      .compose(reply -> {
        Message replyBody = reply.body();
        if (!replyType.isInstance(replyBody)) {
          return Future.failedFuture(JuiceException.internal(
            address + " answered " + (replyBody == null ? "nothing" : replyBody.getClass().getSimpleName())
              + ", expected " + replyType.getSimpleName(), null));
        }
        return Future.succeededFuture(replyType.cast(replyBody));
      });
  }

  /**
   * A node-local consumer answering with the handler's future; any failure (thrown or failed
   * future) is mapped to the error contract and the verticle keeps running.
   */
  public static <Q extends Message> MessageConsumer<Q> serveLocal(EventBus bus, String address, Class<Q> requestType,
                                                                   Function<Q, Future<? extends Message>> handler) {
    return bus.<Q>localConsumer(address, message -> answer(message, requestType, handler));
  }

  /** A cluster-wide consumer (for node-scoped addresses built with {@link Addresses#node}). */
  public static <Q extends Message> MessageConsumer<Q> serve(EventBus bus, String address, Class<Q> requestType,
                                                              Function<Q, Future<? extends Message>> handler) {
    return bus.<Q>consumer(address, message -> answer(message, requestType, handler));
  }

  private static <Q extends Message> void answer(io.vertx.core.eventbus.Message<Q> message, Class<Q> requestType,
                                                 Function<Q, Future<? extends Message>> handler) {
    Object body = message.body();
    if (!requestType.isInstance(body)) {
      message.fail(ErrorCode.INVALID_ARGUMENT.wireCode(),
        "expected " + requestType.getSimpleName() + ", got " + (body == null ? "nothing" : body.getClass().getSimpleName()));
      return;
    }
    Future<? extends Message> result;
    try {
      result = handler.apply(requestType.cast(body));
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(reply -> message.reply(reply), failure -> Errors.fail(message, failure));
  }
}
