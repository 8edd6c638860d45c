package org.juicetokens.transport.pipe;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.transport.framing.Decoded;
import org.juicetokens.transport.framing.FrameCodec;
import org.juicetokens.transport.framing.TransportException;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.TransportError;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.juicetokens.transport.pipe.proto.PipeHello;
import org.juicetokens.transport.pipe.proto.PipeState;
import org.juicetokens.transport.pipe.proto.PipeWelcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connecting side: opens the WebSocket, sends Hello (with the pipe's resumption token and
 * what it received so far), waits (bounded) for Welcome and attaches. A failed attempt or a lost
 * connection is retried after the pipe's {@link Backoff}, until the pipe is closed.
 */
final class PipeClient {
  private static final Logger LOG = LoggerFactory.getLogger(PipeClient.class);

  private final Context owner;
  private final WebSocketClient client;
  private final FrameCodec codec;
  private final PipeLimits limits;
  private final Instrumented instrumented;
  private final String nodeId;
  private boolean stopped;

  PipeClient(Context owner, WebSocketClient client, FrameCodec codec, PipeLimits limits, Instrumented instrumented, String nodeId) {
    this.owner = owner;
    this.client = client;
    this.codec = codec;
    this.limits = limits;
    this.instrumented = instrumented;
    this.nodeId = nodeId;
  }

  /** Starts keeping {@code pipe} connected; the future is the first attempt's outcome. */
  Future<Void> open(Pipe pipe, PeerEndpoint endpoint) {
    pipe.onDisconnected(p -> retry(p, endpoint));
    return attempt(pipe, endpoint);
  }

  void stop() {
    stopped = true;
  }

  private Future<Void> attempt(Pipe pipe, PeerEndpoint endpoint) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(endpoint.host()).setPort(endpoint.port())
      .setURI(endpoint.path()).setSsl(endpoint.ssl()).setConnectTimeout(limits.handshakeMs());
    return instrumented.run(Layer.PIPE, "connect", "pipe=" + pipe.id() + " endpoint=" + endpoint.uri(),
        () -> client.connect(options).compose(socket -> handshake(pipe, new PipeConnection(socket, owner, codec, limits.writeQueueBytes()))))
      .onFailure(failure -> {
        pipe.connectFailed(failure);
        retry(pipe, endpoint);
      });
  }

  private void retry(Pipe pipe, PeerEndpoint endpoint) {
    if (stopped || pipe.state() == PipeState.CLOSED) {
      return;
    }
    long delay = pipe.backoff().nextDelayMs();
    LOG.debug("[WebSocket] [node: {}] pipe {} reconnects to {} in {} ms (attempt {})", nodeId, pipe.id(), endpoint.uri(), delay,
      pipe.backoff().attempts());
    owner.owner().setTimer(delay, t -> {
      if (!stopped && pipe.state() != PipeState.CLOSED) {
        pipe.counters().reconnectAttempt();
        attempt(pipe, endpoint);
      }
    });
  }

  private Future<Void> handshake(Pipe pipe, PipeConnection connection) {
    Promise<Void> welcomed = Promise.promise();
    long timer = owner.owner().setTimer(limits.handshakeMs(), t -> connection.close(
      PipeSession.error(TransportErrorCode.TIMEOUT, "no welcome", "no Welcome within " + limits.handshakeMs() + " ms")));
    connection.onClosed(reason -> {
      owner.owner().cancelTimer(timer);
      welcomed.tryFail(new TransportException(reason));
    });
    connection.receiver(decoded -> {
      owner.owner().cancelTimer(timer);
      welcome(pipe, connection, decoded, welcomed);
    });
    PipeHello hello = PipeHello.newBuilder().setNodeId(nodeId).setProtocolVersion(Handshake.PROTOCOL_VERSION)
      .setResumptionToken(pipe.token()).setLastReceivedSequence(pipe.lastReceived()).build();
    Handshake.frames(codec::encode, hello).forEach(connection::write);
    return welcomed.future();
  }

  private void welcome(Pipe pipe, PipeConnection connection, Decoded decoded, Promise<Void> welcomed) {
    if (decoded instanceof Decoded.Complete c && c.head().getFrameType() == FrameType.ERROR) {
      // the server refused us and said why: that is the pipe's last error; retried with backoff
      TransportError refused = Handshake.refusal(c.message());
      pipe.error(refused);
      connection.close(refused);
      welcomed.tryFail(new TransportException(refused));
      return;
    }
    Handshake.Parsed<PipeWelcome> parsed = decoded instanceof Decoded.Complete c
      ? Handshake.welcome(c.head(), c.messageType(), c.message())
      : Handshake.Parsed.failed("the Welcome must be one frame");
    if (!parsed.ok()) {
      connection.fail(parsed.error());
      welcomed.tryFail(new TransportException(parsed.error()));
      return;
    }
    PipeWelcome welcome = parsed.message();
    boolean resumed = welcome.getResumed() && welcome.getSessionId().equals(pipe.sessionId());
    if (!pipe.sessionId().isEmpty() && !resumed) {
      pipe.sessionLost(welcome.getSessionId());
    }
    pipe.sessionId(welcome.getSessionId());
    pipe.token(welcome.getResumptionToken());
    pipe.attach(connection, welcome.getNodeId(), welcome.getLastReceivedSequence(), resumed);
    pipe.backoff().reset();
    welcomed.tryComplete();
  }
}
