package org.juicetokens.transport.pipe;

import com.google.protobuf.ByteString;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {
  private static Outgoing message(int bytes) {
    return Outgoing.of("t", List.of(MessageFrame.newBuilder().setPayload(ByteString.copyFrom(new byte[bytes])).build()), bytes, e -> { });
  }

  @Test
  void refuses_beyond_the_message_bound_and_keeps_fifo_order() {
    Outbox outbox = new Outbox(2, 1000);
    Outgoing a = message(1);
    Outgoing b = message(2);
    assertThat(outbox.offer(a)).isTrue();
    assertThat(outbox.offer(b)).isTrue();
    assertThat(outbox.offer(message(1))).isFalse();
    assertThat(outbox.full()).isTrue();
    assertThat(outbox.poll()).isSameAs(a);
    assertThat(outbox.poll()).isSameAs(b);
    assertThat(outbox.highWater()).isEqualTo(2);
  }

  @Test
  void refuses_beyond_the_byte_bound_but_always_takes_one_message() {
    Outbox outbox = new Outbox(100, 10);
    assertThat(outbox.offer(message(50))).isTrue();
    assertThat(outbox.offer(message(1))).isFalse();
    assertThat(outbox.bytes()).isEqualTo(50);
    outbox.poll();
    assertThat(outbox.bytes()).isZero();
    assertThat(outbox.drained()).isTrue();
  }

  @Test
  void drain_to_hands_over_everything() {
    Outbox outbox = new Outbox(10, 1000);
    outbox.offer(message(1));
    outbox.offer(message(1));
    List<Outgoing> all = new ArrayList<>();
    outbox.drainTo(all::add);
    assertThat(all).hasSize(2);
    assertThat(outbox.isEmpty()).isTrue();
  }
}
