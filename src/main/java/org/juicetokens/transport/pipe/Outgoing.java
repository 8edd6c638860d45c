package org.juicetokens.transport.pipe;

import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportError;

import java.util.List;
import java.util.function.Consumer;

/**
 * One application message on its way: its encoded DATA frames (one, or the chunks of a large
 * message; the pipe stamps sequence and ack when writing them), the size they hold in memory
 * ({@code bytes}, what the outbox bound counts), the message's own size, and what to call once it
 * is acknowledged ({@code null}) or given up ({@link TransportError}).
 */
public record Outgoing(String messageType, List<MessageFrame> frames, int bytes, int messageBytes, Consumer<TransportError> done) {

  public static Outgoing of(String messageType, List<MessageFrame> frames, int messageBytes, Consumer<TransportError> done) {
    int bytes = 0;
    for (MessageFrame frame : frames) {
      bytes += frame.getPayload().size();
    }
    return new Outgoing(messageType, List.copyOf(frames), bytes, messageBytes, done);
  }
}
