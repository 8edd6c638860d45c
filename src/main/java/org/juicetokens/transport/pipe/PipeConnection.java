package org.juicetokens.transport.pipe;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;
import org.juicetokens.transport.framing.Decoded;
import org.juicetokens.transport.framing.FrameCodec;
import org.juicetokens.transport.framing.FrameDecoder;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportError;
import org.juicetokens.transport.framing.proto.TransportErrorCode;

import java.util.function.Consumer;

/**
 * One WebSocket carrying a pipe: each binary WebSocket message is one wire unit (a varint length
 * and a {@link MessageFrame}), decoded by this connection's own {@link FrameDecoder}. Every event
 * of the socket is handled on the owner's context (the pipe verticle's), whatever context the
 * socket lives on, so pipes have one owner. Backpressure: when a write leaves the socket's write
 * queue full, the socket stops being read until it drains.
 */
final class PipeConnection implements Link {
  /** WebSocket close codes: 1000 normal, 1002 protocol error, 1008 policy (resources), 1011 server error. */
  private static final short NORMAL = 1000;
  private static final short PROTOCOL = 1002;
  private static final short POLICY = 1008;

  private final WebSocketBase socket;
  private final Context owner;
  private final FrameCodec codec;
  private final FrameDecoder decoder;
  private Consumer<Decoded> receiver = d -> { };
  private Consumer<TransportError> closed = e -> { };
  private Runnable drained = () -> { };
  private boolean open = true;
  private boolean writable = true;
  private TransportError closeReason;
  private boolean paused;

  PipeConnection(WebSocketBase socket, Context owner, FrameCodec codec, int writeQueueBytes) {
    this.socket = socket;
    this.owner = owner;
    this.codec = codec;
    this.decoder = codec.newDecoder();
    socket.setWriteQueueMaxSize(writeQueueBytes);
    socket.binaryMessageHandler(onOwner(this::receive));
    socket.textMessageHandler(onOwner(text -> fail(PipeSession.error(TransportErrorCode.PROTOCOL_ERROR, "text message",
      "pipes carry binary frames only"))));
    socket.exceptionHandler(onOwner(failure -> close(PipeSession.error(TransportErrorCode.CONNECTION_LOST, "connection failed",
      String.valueOf(failure.getMessage())))));
    socket.closeHandler(onOwner(v -> ended()));
    socket.drainHandler(onOwner(v -> {
      paused = false;
      socket.resume();
      drained.run();
    }));
  }

  private <T> Handler<T> onOwner(Handler<T> handler) {
    return value -> {
      if (Vertx.currentContext() == owner) {
        handler.handle(value);
      } else {
        owner.runOnContext(v -> handler.handle(value));
      }
    };
  }

  void receiver(Consumer<Decoded> receiver) {
    this.receiver = receiver;
  }

  void onClosed(Consumer<TransportError> closed) {
    this.closed = closed;
  }

  void onDrain(Runnable drained) {
    this.drained = drained;
  }

  private void receive(Buffer unit) {
    if (!open) {
      return;
    }
    Decoded decoded = decoder.decode(unit, System.currentTimeMillis());
    if (decoded instanceof Decoded.Rejected rejected) {
      fail(rejected.error());
      return;
    }
    receiver.accept(decoded);
  }

  /** A closed socket counts as full: nothing more is written to it. */
  @Override
  public boolean writeQueueFull() {
    if (!writable) {
      return true;
    }
    try {
      return socket.writeQueueFull();
    } catch (IllegalStateException closed) {
      broken();
      return true;
    }
  }

  @Override
  public void write(MessageFrame frame) {
    if (!writable) {
      return;
    }
    boolean full;
    try {
      socket.writeBinaryMessage(FrameCodec.toWire(frame));
      full = socket.writeQueueFull();
    } catch (IllegalStateException closed) {
      broken();
      return;
    }
    if (full && !paused) {
      paused = true;
      // the peer is not keeping up: stop taking more from it until it reads what we wrote
      socket.pause();
    }
  }

  /**
   * The socket closed before its close event reached this context: stop writing now, and let the
   * owner learn it after the current work (which may be in the middle of writing).
   */
  private void broken() {
    writable = false;
    owner.runOnContext(v -> ended());
  }

  int partials(long nowMs) {
    decoder.expire(nowMs);
    return decoder.partials();
  }

  /** Tells the peer why (an ERROR frame), then closes. */
  void fail(TransportError error) {
    if (!open) {
      return;
    }
    for (MessageFrame frame : codec.encode(FrameType.ERROR, TransportError.getDescriptor().getFullName(), error.toByteArray())) {
      write(frame);
    }
    shut(error, error.getCode() == TransportErrorCode.RESOURCE_EXHAUSTED ? POLICY : PROTOCOL);
  }

  /** Closes without an ERROR frame (idle, superseded, node stopping). */
  void close(TransportError reason) {
    shut(reason, NORMAL);
  }

  boolean open() {
    return open;
  }

  private void shut(TransportError reason, short code) {
    if (!open) {
      return;
    }
    closeReason = reason;
    writable = false;
    String text = reason.getReason();
    if (!socket.isClosed()) {
      socket.close(code, text.length() > 120 ? text.substring(0, 120) : text);
    }
    ended();
  }

  /** Once, whoever closed: the owner learns why. */
  private void ended() {
    if (closeReason == null) {
      closeReason = PipeSession.error(TransportErrorCode.CONNECTION_LOST, "connection closed",
        socket.closeStatusCode() == null ? "" : "code " + socket.closeStatusCode() + " " + socket.closeReason());
    }
    if (open) {
      open = false;
      writable = false;
      closed.accept(closeReason);
    }
  }
}
