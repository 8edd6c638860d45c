package org.juicetokens.transport.pipe;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.JuiceException;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.transport.framing.FrameCodec;
import org.juicetokens.transport.framing.FramingLimits;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.juicetokens.transport.pipe.proto.PipeListRequest;
import org.juicetokens.transport.pipe.proto.PipeSendRequest;
import org.juicetokens.transport.pipe.proto.PipeSendResult;
import org.juicetokens.transport.pipe.proto.PipeState;

import java.util.List;

/**
 * The one owner of the node's pipes: accepts {@code /pipe} sockets (handed over by the HTTP
 * verticle through {@link #accept}), opens a pipe to every {@code transport.peers} endpoint and
 * keeps it connected, drives the pipes' timers, serves {@link Addresses#PIPE_LIST} and
 * {@link Addresses#PIPE_SEND} and publishes deliveries on {@link Addresses#PIPE_DELIVERED}.
 * Health "pipe" is UP (a peer being away is not this node failing); its data counts the pipes.
 */
public final class PipeVerticle extends VerticleBase {
  private static final String HEALTH = "pipe";

  private final NodeContext node;
  private volatile PipeServer server;
  private Pipes pipes;
  private PipeClient client;
  private WebSocketClient sockets;
  private long timer;

  public PipeVerticle(NodeContext node) {
    this.node = node;
  }

  /** Largest WebSocket message a pipe accepts: one wire unit (a frame and its length) with room to spare. */
  public static int maxWireUnitBytes(NodeConfig config) {
    return FramingLimits.from(config).maxFrameBytes() + 64 * 1024;
  }

  /** Takes an upgraded {@code /pipe} socket, from any thread. */
  public void accept(ServerWebSocket socket) {
    PipeServer current = server;
    if (current == null) {
      socket.close((short) 1013, "pipes not ready");
      return;
    }
    current.accept(socket);
  }

  @Override
  public Future<?> start() {
    NodeConfig config = node.config();
    PipeLimits limits;
    List<PeerEndpoint> peers;
    FrameCodec codec;
    try {
      limits = PipeLimits.from(config);
      peers = PeerEndpoint.parseAll(config.list(Settings.TRANSPORT_PEERS), config.httpPort());
      codec = new FrameCodec(FramingLimits.from(config), node.framing());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    DeliveryOptions local = new DeliveryOptions().setLocalOnly(true);
    pipes = new Pipes(limits, codec, new PipeMeters(node.registry()), node.instrumented(), node.nodeId(),
      delivery -> vertx.eventBus().publish(Addresses.PIPE_DELIVERED, delivery, local));
    sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(maxWireUnitBytes(config)));
    client = new PipeClient(context, sockets, codec, limits, node.instrumented(), node.nodeId());
    server = new PipeServer(context, pipes, codec, limits, node.instrumented(), node.nodeId());
    timer = vertx.setPeriodic(limits.ackDelayMs(), t -> pipes.tick(System.nanoTime(), System.currentTimeMillis()));

    MessageConsumer<PipeListRequest> list = Bus.serveLocal(vertx.eventBus(), Addresses.PIPE_LIST, PipeListRequest.class,
      request -> node.instrumented().run(Layer.PIPE, "list", "", () -> Future.succeededFuture(pipes.list())));
    MessageConsumer<PipeSendRequest> send = Bus.serveLocal(vertx.eventBus(), Addresses.PIPE_SEND, PipeSendRequest.class, this::send);
    // the procedure runs on the caller's context: read the pipes on their owner's
    PipeHealth backlog = new PipeHealth(limits.outboxMessages(),
      org.juicetokens.governance.health.Threshold.degradedOnly(config.doubleValue(Settings.HEALTH_PIPE_BACKLOG_PERCENT)));
    node.health().register(HEALTH, promise -> context.runOnContext(v -> promise.complete(backlog.evaluate(counts()))));
    // a peer that is down must not fail this node's start: its pipe keeps trying with backoff
    peers.forEach(peer -> client.open(pipes.openOutbound(peer.uri()), peer));
    return Future.join(list.completion(), send.completion());
  }

  @Override
  public Future<?> stop() {
    server = null;
    vertx.cancelTimer(timer);
    client.stop();
    node.health().unregister(HEALTH);
    pipes.all().forEach(p -> p.close(PipeSession.error(TransportErrorCode.CONNECTION_LOST, "node stopping", node.nodeId())));
    return sockets.close();
  }

  private Future<? extends Message> send(PipeSendRequest request) {
    Pipe pipe = !request.getPipeId().isEmpty() ? pipes.byId(request.getPipeId()) : pipes.toPeer(request.getPeerNodeId());
    if (pipe == null) {
      return Future.failedFuture(JuiceException.notFound("no pipe " + (!request.getPipeId().isEmpty()
        ? request.getPipeId() : "to node " + request.getPeerNodeId())));
    }
    PipeSendResult result = PipeSendResult.newBuilder().setPipeId(pipe.id()).build();
    Future<Void> acked = pipe.send(request.getMessageType(), request.getPayload().toByteArray());
    if (request.getAwaitAck() || acked.failed()) {
      return acked.map(result);
    }
    return Future.succeededFuture(result);
  }

  private PipeHealth.Counts counts() {
    int open = 0;
    int away = 0;
    int queued = 0;
    int inFlight = 0;
    int fullest = 0;
    for (Pipe pipe : pipes.all()) {
      open += pipe.state() == PipeState.OPEN ? 1 : 0;
      away += pipe.state() == PipeState.DISCONNECTED || pipe.state() == PipeState.CONNECTING ? 1 : 0;
      var stats = pipe.info().getStats();
      queued += stats.getOutbox();
      inFlight += stats.getInFlight();
      fullest = Math.max(fullest, stats.getOutbox());
    }
    return new PipeHealth.Counts(pipes.size(), open, away, queued, inFlight, fullest);
  }

}
