package org.juicetokens.transport.pipe;

import org.juicetokens.transport.pipe.proto.PipeDelivery;
import org.juicetokens.transport.pipe.proto.PipeInfo;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes exchange messages both ways while the server side goes away and comes back. */
class PipeResumptionTest {
  private static final int MESSAGES = 10_000;

  @Test
  void ten_thousand_messages_each_way_arrive_in_order_once_while_the_server_closes_and_reopens_twice() throws Exception {
    try (PipeTestNode server = PipeTestNode.start("server", Map.of());
         PipeTestNode client = PipeTestNode.start("client", Map.of("transport.peers", "ws://127.0.0.1:" + server.port + "/pipe"))) {
      client.awaitOpen("server");
      server.awaitOpen("client");
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      Thread up = sender(client, "server", failures);
      Thread down = sender(server, "client", failures);
      up.start();
      down.start();
      for (int outage = 1; outage <= 2; outage++) {
        int threshold = outage * MESSAGES / 3;
        PipeTestNode.eventually(() -> server.delivered.size() >= threshold, "server received " + threshold);
        server.closeListener();
        Thread.sleep(300);
        server.openListener();
      }
      up.join();
      down.join();
      PipeTestNode.eventually(() -> server.delivered.size() >= MESSAGES && client.delivered.size() >= MESSAGES, "all delivered");
      Thread.sleep(200); // anything duplicated would arrive now

      assertThat(failures).isEmpty();
      assertThat(numbers(server.delivered)).containsExactlyElementsOf(IntStream.range(0, MESSAGES).boxed().toList());
      assertThat(numbers(client.delivered)).containsExactlyElementsOf(IntStream.range(0, MESSAGES).boxed().toList());
      PipeInfo pipe = client.pipeTo("server");
      assertThat(pipe.getStats().getReconnects()).isGreaterThanOrEqualTo(2);
      assertThat(pipe.getStats().getLost()).isZero();
      assertThat(pipe.getStats().getMessagesSent()).isEqualTo(MESSAGES);
      assertThat(server.pipeTo("client").getId()).isEqualTo(pipe.getSessionId()); // one session throughout
    }
  }

  /** Sends 0..MESSAGES-1, at most 200 unacknowledged at a time, each completing on the peer's ack. */
  private static Thread sender(PipeTestNode from, String to, ConcurrentLinkedQueue<Throwable> failures) {
    return new Thread(() -> {
      Semaphore window = new Semaphore(200);
      for (int i = 0; i < MESSAGES; i++) {
        window.acquireUninterruptibly();
        from.send(to, "test.Number", ByteBuffer.allocate(4).putInt(i).array(), true)
          .onComplete(ok -> window.release(), failure -> {
            failures.add(failure);
            window.release();
          });
      }
      window.acquireUninterruptibly(200);
    }, "sender-" + from.config.nodeId());
  }

  private static List<Integer> numbers(List<PipeDelivery> deliveries) {
    return deliveries.stream().map(d -> ByteBuffer.wrap(d.getPayload().toByteArray()).getInt()).toList();
  }
}
