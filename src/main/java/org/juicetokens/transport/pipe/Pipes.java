package org.juicetokens.transport.pipe;

import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.transport.framing.FrameCodec;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.juicetokens.transport.pipe.proto.PipeDelivery;
import org.juicetokens.transport.pipe.proto.PipeDirection;
import org.juicetokens.transport.pipe.proto.PipeList;
import org.juicetokens.transport.pipe.proto.PipeState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every pipe of the node, by id, and the inbound sessions by resumption token. The one owner is
 * the pipe verticle's event loop. New pipes get the node's message handler (publishing deliveries)
 * and are forgotten when they close.
 */
final class Pipes {
  private final Map<String, Pipe> byId = new LinkedHashMap<>();
  private final SessionRegistry<Pipe> sessions;
  private final PipeLimits limits;
  private final FrameCodec codec;
  private final PipeMeters meters;
  private final Instrumented instrumented;
  private final String nodeId;
  private final Consumer<PipeDelivery> delivered;

  Pipes(PipeLimits limits, FrameCodec codec, PipeMeters meters, Instrumented instrumented, String nodeId, Consumer<PipeDelivery> delivered) {
    this.limits = limits;
    this.codec = codec;
    this.meters = meters;
    this.instrumented = instrumented;
    this.nodeId = nodeId;
    this.delivered = delivered;
    this.sessions = new SessionRegistry<>(limits.resumptionTtlMs(), limits.maxSessions());
  }

  /** A new inbound session (its id, token and pipe), or null when the node holds too many. */
  Pipe openInbound(String peerNodeId, long nowMs) {
    String sessionId = Handshake.newSessionId();
    Pipe pipe = create(sessionId, PipeDirection.INBOUND, "");
    pipe.sessionId(sessionId);
    pipe.token(Handshake.newToken());
    if (!sessions.add(pipe.token(), pipe, nowMs)) {
      return null;
    }
    register(pipe);
    return pipe;
  }

  /** The inbound pipe of a valid token held by the same peer node, else null. */
  Pipe resume(String token, String peerNodeId, long nowMs) {
    Pipe pipe = sessions.resume(token, nowMs);
    return pipe != null && pipe.peerNodeId().equals(peerNodeId) && pipe.state() != PipeState.CLOSED ? pipe : null;
  }

  /**
   * A node that starts a new session has lost its previous ones: its inbound pipes that wait for
   * a resumption are closed, so what they held is reported (their sends fail) and not kept 24 h.
   */
  void supersede(String peerNodeId, Pipe current) {
    for (Pipe pipe : new ArrayList<>(byId.values())) {
      if (pipe != current && pipe.direction() == PipeDirection.INBOUND && pipe.peerNodeId().equals(peerNodeId)
        && pipe.state() != PipeState.OPEN) {
        pipe.close(PipeSession.error(TransportErrorCode.CONNECTION_LOST, "superseded",
          "node " + peerNodeId + " started a new session; unacknowledged messages may be lost"));
      }
    }
  }

  Pipe openOutbound(String endpoint) {
    Pipe pipe = create("out-" + Handshake.newSessionId(), PipeDirection.OUTBOUND, endpoint);
    register(pipe);
    return pipe;
  }

  private Pipe create(String id, PipeDirection direction, String endpoint) {
    return new Pipe(id, direction, endpoint, nodeId, limits, codec, meters, instrumented);
  }

  private void register(Pipe pipe) {
    byId.put(pipe.id(), pipe);
    pipe.messageHandler(delivered);
    pipe.onForget(() -> {
      byId.remove(pipe.id());
      if (!pipe.token().isEmpty() && pipe.direction() == PipeDirection.INBOUND) {
        sessions.remove(pipe.token());
      }
    });
  }

  Pipe byId(String id) {
    return byId.get(id);
  }

  /** The open pipe to a peer node, else any pipe to it (messages wait in its outbox), else null. */
  Pipe toPeer(String peerNodeId) {
    Pipe any = null;
    for (Pipe pipe : byId.values()) {
      if (pipe.peerNodeId().equals(peerNodeId)) {
        if (pipe.state() == PipeState.OPEN) {
          return pipe;
        }
        any = any == null ? pipe : any;
      }
    }
    return any;
  }

  /** Timers of every pipe; inbound sessions whose token expired are closed. */
  void tick(long nowNanos, long nowMs) {
    for (Pipe pipe : new ArrayList<>(byId.values())) {
      if (pipe.direction() == PipeDirection.INBOUND && pipe.state() == PipeState.OPEN) {
        sessions.touch(pipe.token(), nowMs);
      }
      pipe.tick(nowNanos);
    }
    for (Pipe expired : sessions.expire(nowMs)) {
      expired.close(PipeSession.error(TransportErrorCode.CONNECTION_LOST, "session expired",
        "not resumed within " + limits.resumptionTtlMs() + " ms"));
    }
    int open = 0;
    for (Pipe pipe : byId.values()) {
      open += pipe.state() == PipeState.OPEN ? 1 : 0;
    }
    meters.connected(open);
  }

  PipeList list() {
    PipeList.Builder list = PipeList.newBuilder();
    byId.values().forEach(p -> list.addPipes(p.info()));
    return list.build();
  }

  List<Pipe> all() {
    return List.copyOf(byId.values());
  }

  int size() {
    return byId.size();
  }
}
