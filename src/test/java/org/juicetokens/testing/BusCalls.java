package org.juicetokens.testing;

import com.google.protobuf.Message;
import org.juicetokens.common.Bus;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.node.JuiceNode;

import java.util.concurrent.TimeUnit;

/** A node's event-bus addresses asked from a test thread, with generous timeouts. */
public final class BusCalls {
  private BusCalls() {
  }

  /** The answer of {@code address} on {@code node} (failing the test with the node's error). */
  public static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type, long timeoutMs)
    throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, timeoutMs, type).await(timeoutMs + 5_000, TimeUnit.MILLISECONDS);
  }

  /** The error {@code address} answers on {@code node}; an AssertionError when it succeeds instead. */
  public static JuiceException failure(JuiceNode node, String address, Message request, long timeoutMs) {
    try {
      Message answer = ask(node, address, request, Message.class, timeoutMs);
      throw new AssertionError(address + " succeeded: " + answer);
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      return Errors.toJuice(e);
    }
  }
}
