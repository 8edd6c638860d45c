package org.juicetokens.transport.pipe;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.transport.framing.Decoded;
import org.juicetokens.transport.framing.FrameCodec;
import org.juicetokens.transport.framing.FramingLimits;
import org.juicetokens.transport.framing.FramingListener;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.TransportError;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.juicetokens.transport.pipe.proto.PipeHello;
import org.juicetokens.transport.pipe.proto.PipeInfo;
import org.juicetokens.transport.pipe.proto.PipeState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.juicetokens.transport.pipe.PipeTestNode.await;
import static org.juicetokens.transport.pipe.PipeTestNode.eventually;

/** Clients that misbehave: they are cut off, the node's other pipes are not. */
class PipeAbuseTest {
  private static final FrameCodec CODEC = new FrameCodec(FramingLimits.defaults(), FramingListener.NOOP);

  @Test
  void garbage_gets_an_error_frame_and_a_disconnect_while_another_pipe_keeps_working() throws Exception {
    try (PipeTestNode server = PipeTestNode.start("server", Map.of());
         PipeTestNode client = PipeTestNode.start("client", Map.of("transport.peers", "ws://127.0.0.1:" + server.port + "/pipe"))) {
      client.awaitOpen("server");
      WebSocketClient raw = client.vertx.createWebSocketClient();

      Refusal garbage = refusal(raw, server.port, Buffer.buffer("GET / HTTP/1.1 -- not a frame at all".getBytes(StandardCharsets.UTF_8)));
      assertThat(garbage.error.getCode()).isIn(TransportErrorCode.CORRUPTION, TransportErrorCode.PROTOCOL_ERROR);
      assertThat(garbage.closeCode).isEqualTo((short) 1002);

      Buffer dataFirst = FrameCodec.toWire(CODEC.encode(FrameType.DATA, "x", new byte[] {1, 2, 3}).get(0));
      Refusal noHello = refusal(raw, server.port, dataFirst);
      assertThat(noHello.error.getCode()).isEqualTo(TransportErrorCode.PROTOCOL_ERROR);
      assertThat(noHello.error.getDetail()).contains("expected " + Handshake.HELLO);

      await(client.send("server", "test.Still", "fine".getBytes(StandardCharsets.UTF_8), true));
      eventually(() -> server.delivered.stream().anyMatch(d -> d.getMessageType().equals("test.Still")), "the other pipe still delivers");
      assertThat(server.list()).singleElement().extracting(PipeInfo::getState).isEqualTo(PipeState.OPEN);
      await(raw.close());
    }
  }

  @Test
  void a_client_without_a_hello_is_closed_after_the_handshake_timeout() throws Exception {
    // PipeTestNode sets the handshake timeout to 3 s
    try (PipeTestNode server = PipeTestNode.start("server", Map.of())) {
      // kept in a variable: Vert.x closes a client that is no longer referenced
      WebSocketClient raw = server.vertx.createWebSocketClient();
      WebSocket silent = await(raw.connect(server.port, "127.0.0.1", "/pipe"));
      List<Buffer> received = new CopyOnWriteArrayList<>();
      Promise<Void> closed = Promise.promise();
      silent.binaryMessageHandler(received::add);
      silent.closeHandler(v -> closed.tryComplete());
      await(closed.future());
      Decoded.Complete error = (Decoded.Complete) CODEC.newDecoder().decode(received.get(0), System.currentTimeMillis());
      assertThat(TransportError.parseFrom(error.message()).getCode()).isEqualTo(TransportErrorCode.TIMEOUT);
      assertThat(server.list()).isEmpty();
      await(raw.close());
    }
  }

  @Test
  void a_connection_that_goes_quiet_is_closed_as_idle_and_the_session_waits_for_resumption() throws Exception {
    try (PipeTestNode server = PipeTestNode.start("server", Map.of("transport.pipe.idleTimeoutMs", "1000"))) {
      WebSocketClient raw = server.vertx.createWebSocketClient();
      WebSocket quiet = await(raw.connect(server.port, "127.0.0.1", "/pipe"));
      Promise<Void> closed = Promise.promise();
      quiet.closeHandler(v -> closed.tryComplete());
      PipeHello hello = PipeHello.newBuilder().setNodeId("quiet").setProtocolVersion(1).build();
      quiet.writeBinaryMessage(FrameCodec.toWire(Handshake.frames(CODEC::encode, hello).get(0)));
      await(closed.future()); // no heartbeat from this client: closed after 1 s of silence
      eventually(() -> server.pipeTo("quiet") != null && server.pipeTo("quiet").getState() == PipeState.DISCONNECTED,
        "the session kept for resumption");
      assertThat(server.pipeTo("quiet").getLastError()).contains("idle");
      await(raw.close());
    }
  }

  @Test
  void a_node_named_in_its_own_peers_refuses_a_pipe_to_itself() {
    int port = org.juicetokens.testing.FreePorts.next();
    try (PipeTestNode node = PipeTestNode.start("solo", Map.of("transport.peers", "ws://127.0.0.1:" + port + "/pipe"), port)) {
      eventually(() -> node.list().size() == 1 && node.list().get(0).getLastError().contains("itself"), "the refusal reported");
      assertThat(node.list()).singleElement().satisfies(p -> {
        assertThat(p.getDirection().name()).isEqualTo("OUTBOUND");
        assertThat(p.getState()).isNotEqualTo(PipeState.OPEN);
      });
    }
  }

  private record Refusal(TransportError error, short closeCode) {
  }

  /** Connects, writes {@code first}, and returns the ERROR frame received and the close code. */
  private static Refusal refusal(WebSocketClient raw, int port, Buffer first) throws Exception {
    WebSocket ws = await(raw.connect(port, "127.0.0.1", "/pipe"));
    List<Buffer> received = new CopyOnWriteArrayList<>();
    Promise<Short> closed = Promise.promise();
    ws.binaryMessageHandler(received::add);
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
    ws.writeBinaryMessage(first);
    short code = await(closed.future());
    assertThat(received).hasSize(1);
    Decoded decoded = CODEC.newDecoder().decode(received.get(0), System.currentTimeMillis());
    assertThat(decoded).isInstanceOf(Decoded.Complete.class);
    Decoded.Complete error = (Decoded.Complete) decoded;
    assertThat(error.head().getFrameType()).isEqualTo(FrameType.ERROR);
    return new Refusal(TransportError.parseFrom(error.message()), code);
  }

  @Test
  void a_client_that_never_reads_is_cut_off_by_backpressure_with_its_queues_bounded() throws Exception {
    int outbox = 16;
    int window = 256;
    try (PipeTestNode server = PipeTestNode.start("server", Map.of("transport.pipe.outboxMessages", String.valueOf(outbox),
      "transport.pipe.maxInFlight", String.valueOf(window), "transport.pipe.writeQueueBytes", "262144",
      "transport.pipe.stallTimeoutMs", "500"))) {
      WebSocketClient raw = server.vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(2 << 20));
      WebSocket lazy = await(raw.connect(server.port, "127.0.0.1", "/pipe"));
      Promise<Void> welcomed = Promise.promise();
      lazy.binaryMessageHandler(b -> {
        lazy.pause(); // from the Welcome on, this client reads nothing
        welcomed.tryComplete();
      });
      PipeHello hello = PipeHello.newBuilder().setNodeId("lazy").setProtocolVersion(1).build();
      lazy.writeBinaryMessage(FrameCodec.toWire(Handshake.frames(CODEC::encode, hello).get(0)));
      await(welcomed.future());

      byte[] big = new byte[64 * 1024];
      new java.util.Random(7).nextBytes(big); // incompressible: the bytes really travel
      // a producer that keeps trying: what the queues hold moves only as far as the peer reads (never)
      int accepted = 0;
      List<Throwable> refusals = new java.util.ArrayList<>();
      int highestOutbox = 0;
      int highestInFlight = 0;
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      PipeInfo pipe;
      while ((pipe = server.pipeTo("lazy")) != null && System.nanoTime() < deadline) {
        highestOutbox = Math.max(highestOutbox, pipe.getStats().getOutboxHighWater());
        highestInFlight = Math.max(highestInFlight, pipe.getStats().getInFlight());
        Throwable refused = catchThrowable(() -> await(server.send("lazy", "test.Big", big, false)));
        if (refused == null) {
          accepted++;
        } else {
          refusals.add(refused);
        }
      }
      assertThat(server.pipeTo("lazy")).as("the lazy pipe cut off").isNull();
      assertThat(refusals).anySatisfy(refused -> {
        assertThat(refused).isInstanceOf(JuiceException.class).hasMessageContaining("outbox full");
        assertThat(((JuiceException) refused).code()).isEqualTo(ErrorCode.UNAVAILABLE);
      });
      assertThat(accepted).isLessThanOrEqualTo(outbox + window); // nothing was ever acknowledged
      assertThat(highestOutbox).isLessThanOrEqualTo(outbox);
      assertThat(highestInFlight).isLessThanOrEqualTo(window);
      await(raw.close());
    }
  }
}
