package org.juicetokens.transport.pipe;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.transport.framing.Decoded;
import org.juicetokens.transport.framing.FrameCodec;
import org.juicetokens.transport.framing.TransportException;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.juicetokens.transport.pipe.proto.PipeHello;
import org.juicetokens.transport.pipe.proto.PipeWelcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of {@code /pipe}: waits (bounded) for the Hello, then resumes the session of
 * a valid resumption token or opens a new one, answers Welcome and attaches the connection.
 * Anything else first (garbage, a wrong frame) gets an ERROR frame and the socket is closed;
 * other pipes are not touched.
 */
final class PipeServer {
  private static final Logger LOG = LoggerFactory.getLogger(PipeServer.class);

  private final Context owner;
  private final Pipes pipes;
  private final FrameCodec codec;
  private final PipeLimits limits;
  private final Instrumented instrumented;
  private final String nodeId;

  PipeServer(Context owner, Pipes pipes, FrameCodec codec, PipeLimits limits, Instrumented instrumented, String nodeId) {
    this.owner = owner;
    this.pipes = pipes;
    this.codec = codec;
    this.limits = limits;
    this.instrumented = instrumented;
    this.nodeId = nodeId;
  }

  /** Takes an upgraded socket, from any context. */
  void accept(ServerWebSocket socket) {
    // nothing may be read before the handlers are in place on the owner's context
    socket.pause();
    owner.runOnContext(v -> start(socket));
  }

  private void start(ServerWebSocket socket) {
    PipeConnection connection = new PipeConnection(socket, owner, codec, limits.writeQueueBytes());
    // fail() does nothing once the connection is closed; the first wire unit cancels the timer
    long timer = owner.owner().setTimer(limits.handshakeMs(), t -> connection.fail(
      PipeSession.error(TransportErrorCode.TIMEOUT, "no hello", "no Hello within " + limits.handshakeMs() + " ms")));
    connection.onClosed(reason -> owner.owner().cancelTimer(timer));
    connection.receiver(decoded -> {
      owner.owner().cancelTimer(timer);
      instrumented.run(Layer.PIPE, "accept", "remote=" + socket.remoteAddress(), () -> hello(connection, decoded));
    });
    socket.resume();
  }

  private Future<Void> hello(PipeConnection connection, Decoded decoded) {
    if (!(decoded instanceof Decoded.Complete complete)) {
      connection.fail(PipeSession.error(TransportErrorCode.PROTOCOL_ERROR, "bad handshake", "the Hello must be one frame"));
      return Future.failedFuture(new TransportException(
        PipeSession.error(TransportErrorCode.PROTOCOL_ERROR, "bad handshake", "chunked hello")));
    }
    Handshake.Parsed<PipeHello> parsed = Handshake.hello(complete.head(), complete.messageType(), complete.message());
    if (!parsed.ok()) {
      connection.fail(parsed.error());
      return Future.failedFuture(new TransportException(parsed.error()));
    }
    PipeHello hello = parsed.message();
    if (hello.getNodeId().equals(nodeId)) {
      // JT_PEERS shared by every node of a deployment names this node too
      var self = PipeSession.error(TransportErrorCode.PROTOCOL_ERROR, "pipe to itself", "node " + nodeId + " does not open a pipe to itself");
      connection.fail(self);
      return Future.failedFuture(new TransportException(self));
    }
    long nowMs = System.currentTimeMillis();
    Pipe pipe = hello.getResumptionToken().isEmpty() ? null : pipes.resume(hello.getResumptionToken(), hello.getNodeId(), nowMs);
    boolean resumed = pipe != null;
    if (!resumed) {
      if (!hello.getResumptionToken().isEmpty()) {
        LOG.warn("[WebSocket] [node: {}] node {} asked to resume an unknown or expired session: a new one starts", nodeId, hello.getNodeId());
      }
      pipe = pipes.openInbound(hello.getNodeId(), nowMs);
      if (pipe == null) {
        var full = PipeSession.error(TransportErrorCode.RESOURCE_EXHAUSTED, "too many sessions", limits.maxSessions() + " sessions");
        connection.fail(full);
        return Future.failedFuture(new TransportException(full));
      }
    }
    PipeWelcome welcome = PipeWelcome.newBuilder().setNodeId(nodeId).setSessionId(pipe.sessionId()).setResumptionToken(pipe.token())
      .setLastReceivedSequence(pipe.lastReceived()).setResumed(resumed).build();
    Handshake.frames(codec::encode, welcome).forEach(connection::write);
    pipe.attach(connection, hello.getNodeId(), hello.getLastReceivedSequence(), resumed);
    if (!resumed) {
      pipes.supersede(hello.getNodeId(), pipe);
    }
    return Future.succeededFuture();
  }
}
