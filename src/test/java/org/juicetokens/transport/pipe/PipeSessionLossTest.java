package org.juicetokens.transport.pipe;

import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.transport.pipe.proto.PipeInfo;
import org.juicetokens.transport.pipe.proto.PipeSendResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.transport.pipe.PipeTestNode.await;
import static org.juicetokens.transport.pipe.PipeTestNode.eventually;

class PipeSessionLossTest {
  // the server acknowledges late, so the client's messages are still unacknowledged when it goes
  private static final Map<String, String> LATE_ACKS = Map.of("transport.pipe.ackDelayMs", "5000", "transport.pipe.ackEvery", "1000");

  @Test
  void a_session_the_server_no_longer_knows_starts_afresh_and_the_possible_loss_is_reported() throws Exception {
    PipeTestNode first = PipeTestNode.start("server", LATE_ACKS);
    int port = first.port;
    try (PipeTestNode client = PipeTestNode.start("client", Map.of("transport.peers", "ws://127.0.0.1:" + port + "/pipe"))) {
      client.awaitOpen("server");
      String firstSession = client.pipeTo("server").getSessionId();
      List<Future<PipeSendResult>> unacknowledged = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        unacknowledged.add(client.send("server", "test.Lost", ("m" + i).getBytes(StandardCharsets.UTF_8), true));
      }
      eventually(() -> first.delivered.size() == 5, "delivered to the first server");
      first.close(); // the server forgets every session

      try (PipeTestNode second = PipeTestNode.start("server", Map.of(), port)) {
        eventually(() -> {
          PipeInfo pipe = client.pipeTo("server");
          return pipe != null && !pipe.getSessionId().equals(firstSession) && pipe.getState().name().equals("OPEN");
        }, "a new session");
        PipeInfo pipe = client.pipeTo("server");
        assertThat(pipe.getStats().getLost()).isEqualTo(5);
        assertThat(pipe.getLastError()).contains("not resumed");
        for (Future<PipeSendResult> send : unacknowledged) {
          Throwable failure = catchFailure(send);
          assertThat(failure).isInstanceOf(JuiceException.class).hasMessageContaining("may be lost");
          assertThat(((JuiceException) failure).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
        // the new session works, numbering from 1 again
        await(client.send("server", "test.After", "x".getBytes(StandardCharsets.UTF_8), true));
        eventually(() -> second.delivered.size() == 1, "the new session delivers");
        assertThat(second.delivered.get(0).getSequence()).isEqualTo(1);
      }
    }
  }

  @Test
  void a_peer_that_restarts_supersedes_its_old_session_and_what_waited_for_it_is_reported() throws Exception {
    try (PipeTestNode server = PipeTestNode.start("server", Map.of())) {
      Map<String, String> peers = Map.of("transport.peers", server.endpoint());
      String oldPipe;
      try (PipeTestNode client = PipeTestNode.start("client", peers)) {
        server.awaitOpen("client");
        oldPipe = server.pipeTo("client").getId();
      }
      eventually(() -> server.pipeTo("client").getState().name().equals("DISCONNECTED"), "the old session waits");
      Future<PipeSendResult> waiting = server.send("client", "test.ForTheOldSession", new byte[] {1}, true);
      try (PipeTestNode restarted = PipeTestNode.start("client", peers)) {
        restarted.awaitOpen("server");
        eventually(() -> server.list().size() == 1 && !server.pipeTo("client").getId().equals(oldPipe), "only the new session");
        assertThat(catchFailure(waiting)).hasMessageContaining("new session");
        assertThat(restarted.delivered).isEmpty();
      }
    }
  }

  private static Throwable catchFailure(Future<?> future) {
    try {
      await(future);
      return null;
    } catch (RuntimeException e) {
      return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }
  }
}
