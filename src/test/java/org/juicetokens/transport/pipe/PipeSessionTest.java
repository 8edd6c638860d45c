package org.juicetokens.transport.pipe;

import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportError;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PipeSessionTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final PipeLimits LIMITS = new PipeLimits(10_000, 30_000, 10_000, 5, 1000, 30_000, 86_400_000L,
    8, 1 << 20, 4, 3, 20, 16, 5000, 1 << 20, 5000);

  private final List<TransportError> outcomes = new ArrayList<>();

  private PipeSession session(long now) {
    return new PipeSession(LIMITS, TestFrames.encoder(1024), new PipeCounters(PipeCounters.Sink.NOOP), now);
  }

  private void send(PipeSession s, String text, long now) {
    assertThat(s.offer("t", text.getBytes(StandardCharsets.UTF_8), outcomes::add, now)).isTrue();
  }

  /** Feeds frames to a receiving session and returns the texts it delivered. */
  private static List<String> receive(PipeSession to, List<MessageFrame> frames, long now) {
    List<String> delivered = new ArrayList<>();
    for (MessageFrame f : frames) {
      PipeSession.Result r = to.receive(f, true, now);
      assertThat(r.error()).isNull();
      if (r.receipt() == PipeSession.Receipt.DELIVER) {
        delivered.add(f.getPayload().toStringUtf8());
      }
    }
    return delivered;
  }

  @Test
  void messages_are_numbered_in_order_and_released_by_cumulative_acks() {
    PipeSession a = session(0);
    PipeSession b = session(0);
    TestFrames.RecordingLink ab = new TestFrames.RecordingLink();
    TestFrames.RecordingLink ba = new TestFrames.RecordingLink();
    a.attach(ab, 0, 0);
    b.attach(ba, 0, 0);
    send(a, "one", 0);
    send(a, "two", 0);
    assertThat(ab.data()).extracting(MessageFrame::getSequence).containsExactly(1L, 2L);
    assertThat(receive(b, ab.take(), MS)).containsExactly("one", "two");
    b.tick(30 * MS); // the delayed ack
    List<MessageFrame> acks = ba.take();
    assertThat(acks).singleElement().satisfies(f -> {
      assertThat(f.getFrameType()).isEqualTo(FrameType.ACK);
      assertThat(f.getAck()).isEqualTo(2);
    });
    receive(a, acks, 31 * MS);
    assertThat(a.inFlight()).isZero();
    assertThat(outcomes).containsExactly(null, null);
  }

  @Test
  void window_holds_the_rest_in_the_outbox_and_a_full_outbox_refuses() {
    PipeSession a = session(0);
    TestFrames.RecordingLink link = new TestFrames.RecordingLink();
    a.attach(link, 0, 0);
    for (int i = 0; i < 12; i++) {
      send(a, "m" + i, 0);
    }
    assertThat(a.inFlight()).isEqualTo(4);
    assertThat(a.outbox().size()).isEqualTo(8);
    assertThat(a.offer("t", new byte[1], outcomes::add, 0)).isFalse();
    assertThat(a.outbox().full()).isTrue();
    // an ack opens the window: the outbox moves on
    a.receive(MessageFrame.newBuilder().setFrameType(FrameType.ACK).setAck(4).build(), true, MS);
    assertThat(a.inFlight()).isEqualTo(4);
    assertThat(a.outbox().size()).isEqualTo(4);
  }

  @Test
  void nothing_is_written_while_the_write_queue_is_full() {
    PipeSession a = session(0);
    TestFrames.RecordingLink link = new TestFrames.RecordingLink();
    link.full = true;
    a.attach(link, 0, 0);
    send(a, "x", 0);
    a.tick(60_000 * MS);
    assertThat(link.written).isEmpty();
    link.full = false;
    a.flush(60_001 * MS);
    assertThat(link.data()).hasSize(1);
  }

  @Test
  void unacknowledged_message_is_resent_then_times_out_after_max_retransmits() {
    PipeSession a = session(0);
    TestFrames.RecordingLink link = new TestFrames.RecordingLink();
    a.attach(link, 0, 0);
    send(a, "lonely", 0);
    link.take();
    long now = 0;
    for (int i = 1; i <= 5; i++) {
      now += 10_000 * MS;
      assertThat(a.tick(now)).isNull();
      assertThat(link.take()).filteredOn(f -> f.getFrameType() == FrameType.DATA).singleElement()
        .extracting(MessageFrame::getSequence).isEqualTo(1L);
    }
    TransportError timeout = a.tick(now + 10_000 * MS);
    assertThat(timeout.getCode()).isEqualTo(TransportErrorCode.TIMEOUT);
    a.fail(timeout);
    assertThat(outcomes).singleElement().extracting(TransportError::getCode).isEqualTo(TransportErrorCode.TIMEOUT);
  }

  @Test
  void duplicate_is_dropped_and_acknowledged_again() {
    PipeSession b = session(0);
    TestFrames.RecordingLink ba = new TestFrames.RecordingLink();
    b.attach(ba, 0, 0);
    MessageFrame one = MessageFrame.newBuilder().setFrameType(FrameType.DATA).setSequence(1).build();
    assertThat(b.receive(one, true, 0).receipt()).isEqualTo(PipeSession.Receipt.DELIVER);
    assertThat(b.receive(one, true, 0).receipt()).isEqualTo(PipeSession.Receipt.DUPLICATE);
    b.tick(100 * MS);
    assertThat(ba.take()).singleElement().extracting(MessageFrame::getAck).isEqualTo(1L);
  }

  @Test
  void sequence_gap_is_a_protocol_error() {
    PipeSession b = session(0);
    MessageFrame three = MessageFrame.newBuilder().setFrameType(FrameType.DATA).setSequence(3).build();
    assertThat(b.receive(three, true, 0).error().getCode()).isEqualTo(TransportErrorCode.PROTOCOL_ERROR);
  }

  @Test
  void ack_of_a_message_never_sent_is_a_protocol_error() {
    PipeSession a = session(0);
    MessageFrame ack = MessageFrame.newBuilder().setFrameType(FrameType.ACK).setAck(7).build();
    assertThat(a.receive(ack, true, 0).error().getCode()).isEqualTo(TransportErrorCode.PROTOCOL_ERROR);
  }

  @Test
  void chunks_share_the_sequence_and_only_the_last_delivers() {
    PipeSession a = new PipeSession(LIMITS, TestFrames.encoder(2), new PipeCounters(PipeCounters.Sink.NOOP), 0);
    PipeSession b = session(0);
    TestFrames.RecordingLink link = new TestFrames.RecordingLink();
    a.attach(link, 0, 0);
    b.attach(new TestFrames.RecordingLink(), 0, 0);
    send(a, "abcde", 0);
    List<MessageFrame> frames = link.data();
    assertThat(frames).hasSize(3).extracting(MessageFrame::getSequence).containsOnly(1L);
    assertThat(b.receive(frames.get(0), false, 0).receipt()).isEqualTo(PipeSession.Receipt.PARTIAL);
    assertThat(b.receive(frames.get(1), false, 0).receipt()).isEqualTo(PipeSession.Receipt.PARTIAL);
    assertThat(b.receive(frames.get(2), true, 0).receipt()).isEqualTo(PipeSession.Receipt.DELIVER);
    assertThat(b.lastReceived()).isEqualTo(1);
  }

  @Test
  void resumption_replays_exactly_what_the_peer_missed() {
    PipeSession a = session(0);
    PipeSession b = session(0);
    TestFrames.RecordingLink first = new TestFrames.RecordingLink();
    a.attach(first, 0, 0);
    b.attach(new TestFrames.RecordingLink(), 0, 0);
    for (int i = 1; i <= 4; i++) {
      send(a, "m" + i, 0);
    }
    // the connection breaks after two messages made it; no ack came back
    List<String> delivered = new ArrayList<>(receive(b, first.data().subList(0, 2), MS));
    a.detach();
    b.detach();
    for (int i = 5; i <= 6; i++) {
      send(a, "m" + i, 2 * MS); // queued while away
    }
    TestFrames.RecordingLink second = new TestFrames.RecordingLink();
    a.attach(second, b.lastReceived(), 3 * MS);
    b.attach(new TestFrames.RecordingLink(), a.lastReceived(), 3 * MS);
    delivered.addAll(receive(b, second.data(), 4 * MS));
    // the window (4) refilled as the replayed ones were acknowledged by the peer's last_received
    b.tick(100 * MS);
    assertThat(delivered).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
    assertThat(outcomes).hasSize(2).containsOnlyNulls(); // m1, m2 released by the resumption's last_received
  }

  @Test
  void restart_reports_unacknowledged_messages_lost_and_keeps_the_waiting_ones() {
    PipeSession a = session(0);
    TestFrames.RecordingLink link = new TestFrames.RecordingLink();
    a.attach(link, 0, 0);
    for (int i = 0; i < 6; i++) {
      send(a, "m" + i, 0);
    }
    a.detach();
    TransportError lost = PipeSession.error(TransportErrorCode.CONNECTION_LOST, "session lost", "");
    assertThat(a.restart(lost)).isEqualTo(4);
    assertThat(outcomes).hasSize(4).allSatisfy(e -> assertThat(e.getCode()).isEqualTo(TransportErrorCode.CONNECTION_LOST));
    TestFrames.RecordingLink fresh = new TestFrames.RecordingLink();
    a.attach(fresh, 0, MS);
    assertThat(fresh.data()).extracting(MessageFrame::getSequence).containsExactly(1L, 2L);
    assertThat(fresh.data()).extracting(f -> f.getPayload().toStringUtf8()).containsExactly("m4", "m5");
  }

  @Test
  void heartbeat_when_quiet_and_idle_when_nothing_is_heard() {
    PipeSession a = session(0);
    TestFrames.RecordingLink link = new TestFrames.RecordingLink();
    a.attach(link, 0, 0);
    a.tick(9_999 * MS);
    assertThat(link.written).isEmpty();
    a.tick(10_000 * MS);
    assertThat(link.take()).singleElement().extracting(MessageFrame::getFrameType).isEqualTo(FrameType.HEARTBEAT);
    assertThat(a.idle(29_999 * MS)).isFalse();
    assertThat(a.idle(30_000 * MS)).isTrue();
    a.receive(MessageFrame.newBuilder().setFrameType(FrameType.HEARTBEAT).build(), true, 30_000 * MS);
    assertThat(a.idle(30_001 * MS)).isFalse();
    assertThat(Map.of()).isEmpty();
  }
}
