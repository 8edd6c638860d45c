package org.juicetokens.transport.pipe;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.transport.framing.Decoded;
import org.juicetokens.transport.framing.FrameCodec;
import org.juicetokens.transport.framing.TransportException;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportError;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.juicetokens.transport.pipe.proto.PipeDelivery;
import org.juicetokens.transport.pipe.proto.PipeDirection;
import org.juicetokens.transport.pipe.proto.PipeInfo;
import org.juicetokens.transport.pipe.proto.PipeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * A pipe to one peer node: a {@link PipeSession} plus the connection it is currently attached to.
 * Survives reconnections (an outbound pipe reconnects by itself; an inbound one waits for its peer
 * to resume). Events: message, error, close, reconnect; {@link #writeQueueFull()} and a drain
 * handler for producers. Used only on its owner's context (the pipe verticle's).
 */
public final class Pipe {
  private static final Logger LOG = LoggerFactory.getLogger(Pipe.class);

  private final String id;
  private final PipeDirection direction;
  private final String endpoint;
  private final String localNodeId;
  private final PipeLimits limits;
  private final PipeSession session;
  private final PipeCounters counters;
  private final Instrumented instrumented;
  private final Backoff backoff;
  private final long createdMs = System.currentTimeMillis();

  private String peerNodeId = "";
  private String sessionId = "";
  private String token = "";
  private PipeState state = PipeState.CONNECTING;
  private String lastError = "";
  private PipeConnection connection;
  private long connectedAtNanos;
  private boolean everConnected;
  private boolean producerWaiting;
  private long stuckSinceNanos = -1;

  private Consumer<PipeDelivery> messageHandler = m -> { };
  private Consumer<TransportError> errorHandler = e -> { };
  private Consumer<TransportError> closeHandler = e -> { };
  private Consumer<Boolean> reconnectHandler = resumed -> { };
  private Runnable drainHandler = () -> { };
  private Consumer<Pipe> disconnected = p -> { };
  private Runnable forget = () -> { };

  Pipe(String id, PipeDirection direction, String endpoint, String localNodeId, PipeLimits limits, FrameCodec codec,
       PipeCounters.Sink sink, Instrumented instrumented) {
    this.id = id;
    this.direction = direction;
    this.endpoint = endpoint;
    this.localNodeId = localNodeId;
    this.limits = limits;
    this.counters = new PipeCounters(sink);
    this.session = new PipeSession(limits, codec::encode, counters, System.nanoTime());
    this.instrumented = instrumented;
    this.backoff = new Backoff(limits.backoffMinMs(), limits.backoffMaxMs(), Math::random);
  }

  /**
   * Sends a message; the future completes when the peer acknowledged it, or fails (RESOURCE_EXHAUSTED
   * when the outbox is full, TIMEOUT, CONNECTION_LOST, or the pipe closed). Queued while the peer is away.
   */
  public Future<Void> send(String messageType, byte[] message) {
    if (state == PipeState.CLOSED) {
      return Future.failedFuture(new TransportException(PipeSession.error(TransportErrorCode.CONNECTION_LOST, "pipe closed", lastError)));
    }
    return instrumented.run(Layer.PIPE, "send", "pipe=" + id + " type=" + messageType + " bytes=" + message.length, () -> {
      Promise<Void> acked = Promise.promise();
      boolean queued = session.offer(messageType, message,
        error -> {
          if (error == null) {
            acked.tryComplete();
          } else {
            acked.tryFail(new TransportException(error));
          }
        }, System.nanoTime());
      if (!queued) {
        counters.errors++;
        return Future.failedFuture(new TransportException(PipeSession.error(TransportErrorCode.RESOURCE_EXHAUSTED, "outbox full",
          session.outbox().size() + " messages wait for " + peerLabel())));
      }
      if (session.outbox().full()) {
        producerWaiting = true;
      }
      return acked.future();
    });
  }

  /** True while the outbox is at its bound: wait for the drain handler before sending more. */
  public boolean writeQueueFull() {
    return session.outbox().full();
  }

  public Pipe drainHandler(Runnable handler) {
    this.drainHandler = handler;
    return this;
  }

  public Pipe messageHandler(Consumer<PipeDelivery> handler) {
    this.messageHandler = handler;
    return this;
  }

  public Pipe errorHandler(Consumer<TransportError> handler) {
    this.errorHandler = handler;
    return this;
  }

  public Pipe closeHandler(Consumer<TransportError> handler) {
    this.closeHandler = handler;
    return this;
  }

  public Pipe reconnectHandler(Consumer<Boolean> handler) {
    this.reconnectHandler = handler;
    return this;
  }

  void onDisconnected(Consumer<Pipe> handler) {
    this.disconnected = handler;
  }

  /** The owner's bookkeeping when the pipe closes (runs before the close handler). */
  void onForget(Runnable forget) {
    this.forget = forget;
  }

  public String id() {
    return id;
  }

  public String peerNodeId() {
    return peerNodeId;
  }

  public PipeDirection direction() {
    return direction;
  }

  public PipeState state() {
    return state;
  }

  public String endpoint() {
    return endpoint;
  }

  String token() {
    return token;
  }

  void token(String token) {
    this.token = token;
  }

  String sessionId() {
    return sessionId;
  }

  void sessionId(String sessionId) {
    this.sessionId = sessionId;
  }

  long lastReceived() {
    return session.lastReceived();
  }

  PipeCounters counters() {
    return counters;
  }

  Backoff backoff() {
    return backoff;
  }

  int outboxBound() {
    return session.outbox().maxMessages();
  }

  /** Takes a connection whose handshake succeeded; the peer has our messages up to {@code peerLastReceived}. */
  void attach(PipeConnection next, String peer, long peerLastReceived, boolean resumed) {
    if (state == PipeState.CLOSED) {
      next.close(PipeSession.error(TransportErrorCode.CONNECTION_LOST, "pipe closed", ""));
      return;
    }
    if (connection != null) {
      PipeConnection previous = connection;
      connection = null;
      session.detach();
      previous.close(PipeSession.error(TransportErrorCode.CONNECTION_LOST, "superseded", "the peer reconnected"));
    }
    peerNodeId = peer;
    connection = next;
    next.receiver(this::onDecoded);
    next.onClosed(reason -> connectionClosed(next, reason));
    next.onDrain(this::onDrain);
    state = PipeState.OPEN;
    connectedAtNanos = System.nanoTime();
    TransportError error = session.attach(next, peerLastReceived, connectedAtNanos);
    if (error != null) {
      fail(error);
      return;
    }
    if (everConnected) {
      counters.reconnected();
      reconnectHandler.accept(resumed);
    }
    everConnected = true;
    LOG.info("[WebSocket] [node: {}] pipe {} {} {} peer {} ({}), {} replayed", localNodeId, id, direction, resumed ? "resumed with" : "open to",
      peer, endpoint.isEmpty() ? "inbound" : endpoint, session.inFlight());
  }

  /** The peer did not know our session any more: what it may have missed is reported, not hidden. */
  void sessionLost(String newSessionId) {
    TransportError loss = PipeSession.error(TransportErrorCode.CONNECTION_LOST, "session not resumed",
      "peer " + peerLabel() + " lost session " + sessionId + "; unacknowledged messages may be lost");
    int lost = session.restart(loss);
    LOG.warn("[WebSocket] [node: {}] pipe {}: session {} not resumed by {}, {} unacknowledged message(s) reported lost",
      localNodeId, id, sessionId, peerLabel(), lost);
    sessionId = newSessionId;
    error(loss);
  }

  private void onDecoded(Decoded decoded) {
    long now = System.nanoTime();
    if (decoded instanceof Decoded.Pending pending) {
      PipeSession.Result result = session.receive(pending.frame(), false, now);
      if (result.error() != null) {
        fail(result.error());
      }
      return;
    }
    if (!(decoded instanceof Decoded.Complete complete)) {
      return;
    }
    MessageFrame head = complete.head();
    PipeSession.Result result = session.receive(head, true, now);
    if (result.error() != null) {
      fail(result.error());
      return;
    }
    switch (result.receipt()) {
      case DELIVER -> deliver(head, complete.messageType(), complete.message(), now);
      case CONTROL -> control(head, complete.message());
      default -> { }
    }
    maybeDrain();
  }

  private void deliver(MessageFrame head, String messageType, byte[] message, long startNanos) {
    counters.received(message.length);
    PipeDelivery delivery = PipeDelivery.newBuilder().setPipeId(id).setPeerNodeId(peerNodeId).setMessageType(messageType)
      .setPayload(ByteString.copyFrom(message)).setSequence(head.getSequence()).build();
    messageHandler.accept(delivery);
    instrumented.recordSync(Layer.PIPE, "receive", true, null, System.nanoTime() - startNanos, "pipe=" + id + " seq=" + head.getSequence());
  }

  private void control(MessageFrame head, byte[] message) {
    if (head.getFrameType() == FrameType.ERROR) {
      TransportError reported = Handshake.refusal(message);
      error(reported);
      connection.close(reported);
    } else if (head.getFrameType() == FrameType.CONTROL) {
      fail(PipeSession.error(TransportErrorCode.PROTOCOL_ERROR, "unexpected control frame", head.getMessageType()));
    }
  }

  private void onDrain() {
    session.flush(System.nanoTime());
    maybeDrain();
  }

  private void maybeDrain() {
    if (producerWaiting && session.outbox().drained()) {
      producerWaiting = false;
      drainHandler.run();
    }
  }

  /** The timers: delayed acks, heartbeats, re-sends, idle connections, a peer that stopped reading. */
  void tick(long nowNanos) {
    if (state == PipeState.CLOSED) {
      return;
    }
    TransportError timeout = session.tick(nowNanos);
    if (timeout != null) {
      fail(timeout);
      return;
    }
    if (connection == null) {
      return;
    }
    connection.partials(System.currentTimeMillis());
    // stuck: the outbox is full and nothing can move (write queue full, or the whole window unacknowledged)
    boolean stuck = session.outbox().full() && (connection.writeQueueFull() || session.inFlight() >= limits.maxInFlight());
    stuckSinceNanos = !stuck ? -1 : stuckSinceNanos < 0 ? nowNanos : stuckSinceNanos;
    if (session.idle(nowNanos)) {
      connection.close(PipeSession.error(TransportErrorCode.TIMEOUT, "idle", "nothing heard for " + limits.idleMs() + " ms"));
    } else if (stuck && nowNanos - stuckSinceNanos >= limits.stallMs() * 1_000_000L) {
      fail(PipeSession.error(TransportErrorCode.RESOURCE_EXHAUSTED, "peer not reading", "outbox full and nothing moved for "
        + limits.stallMs() + " ms (" + session.inFlight() + " unacknowledged, write queue " + (connection.writeQueueFull() ? "full" : "open") + ")"));
    }
    maybeDrain();
  }

  private void connectionClosed(PipeConnection closed, TransportError reason) {
    if (closed != connection) {
      return;
    }
    connection = null;
    session.detach();
    if (state == PipeState.OPEN) {
      state = PipeState.DISCONNECTED;
      lastError = reason.getReason() + (reason.getDetail().isEmpty() ? "" : ": " + reason.getDetail());
      LOG.info("[WebSocket] [node: {}] pipe {} to {} disconnected: {} {}", localNodeId, id, peerLabel(), reason.getCode(), lastError);
      disconnected.accept(this);
    }
  }

  /** Reports an error of this pipe (counted; the pipe goes on unless the caller closes it). */
  void error(TransportError error) {
    counters.errors++;
    lastError = error.getReason() + (error.getDetail().isEmpty() ? "" : ": " + error.getDetail());
    errorHandler.accept(error);
  }

  /** A protocol failure on the current connection: ERROR frame to the peer, and the pipe ends. */
  private void fail(TransportError error) {
    error(error);
    if (connection != null) {
      connection.fail(error);
    }
    close(error);
  }

  /** Ends the pipe for good: every waiting or unacknowledged message fails with {@code reason}. */
  public void close(TransportError reason) {
    if (state == PipeState.CLOSED) {
      return;
    }
    state = PipeState.CLOSED;
    lastError = reason.getReason() + (reason.getDetail().isEmpty() ? "" : ": " + reason.getDetail());
    session.fail(reason);
    if (connection != null) {
      PipeConnection last = connection;
      connection = null;
      last.close(reason);
    }
    LOG.info("[WebSocket] [node: {}] pipe {} to {} closed: {} {}", localNodeId, id, peerLabel(), reason.getCode(), lastError);
    forget.run();
    closeHandler.accept(reason);
  }

  void connectFailed(Throwable failure) {
    counters.errors++;
    lastError = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    if (state == PipeState.OPEN) {
      state = PipeState.DISCONNECTED;
    }
  }

  public PipeInfo info() {
    long uptimeMs = connection == null ? 0 : (System.nanoTime() - connectedAtNanos) / 1_000_000;
    return PipeInfo.newBuilder().setId(id).setPeerNodeId(peerNodeId).setDirection(direction).setState(state).setEndpoint(endpoint)
      .setStats(counters.toProto(uptimeMs, session.inFlight(), session.outbox().size(), session.outbox().highWater()))
      .setLastError(lastError).setCreatedMs(createdMs).setSessionId(sessionId).build();
  }

  private String peerLabel() {
    return peerNodeId.isEmpty() ? endpoint : peerNodeId;
  }
}
