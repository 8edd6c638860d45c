package org.juicetokens.transport.framing;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.transport.framing.proto.Compression;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.transport.framing.FramingTesting.random;
import static org.juicetokens.transport.framing.FramingTesting.text;

class FrameCodecTest {
  private static final String TYPE = "juicetokens.test.Message";

  @Test
  void small_message_is_one_uncompressed_frame_and_decodes_to_itself() {
    FramingTesting t = FramingTesting.small();
    byte[] message = text(100, 1);
    List<MessageFrame> frames = t.codec.encode(FrameType.DATA, TYPE, message);
    assertThat(frames).hasSize(1);
    MessageFrame frame = frames.get(0);
    assertThat(frame.getProtocolVersion()).isEqualTo(1);
    assertThat(frame.getCompression()).isEqualTo(Compression.COMPRESSION_NONE);
    assertThat(frame.hasChunk()).isFalse();
    assertThat(frame.getSequence()).isZero();

    Decoded.Complete complete = (Decoded.Complete) t.decode(frame);
    assertThat(complete.message()).isEqualTo(message);
    assertThat(complete.messageType()).isEqualTo(TYPE);
    assertThat(complete.head().getFrameId()).isEqualTo(frame.getFrameId());
    assertThat(complete.head().getPayload().isEmpty()).isTrue();
  }

  @Test
  void empty_heartbeat_round_trips() {
    FramingTesting t = FramingTesting.small();
    MessageFrame frame = t.codec.encode(FrameType.HEARTBEAT, "", new byte[0]).get(0);
    Decoded.Complete complete = (Decoded.Complete) t.decode(frame);
    assertThat(complete.message()).isEmpty();
    assertThat(complete.head().getFrameType()).isEqualTo(FrameType.HEARTBEAT);
  }

  @Test
  void message_above_the_threshold_is_compressed_with_zstd_or_gzip() {
    for (Compression compression : List.of(Compression.ZSTD, Compression.GZIP)) {
      FramingTesting t = new FramingTesting(FramingTesting.SMALL.withCompression(compression, 256));
      byte[] message = text(3000, 2);
      List<MessageFrame> frames = t.codec.encode(FrameType.DATA, TYPE, message);
      assertThat(frames).hasSize(1);
      assertThat(frames.get(0).getCompression()).isEqualTo(compression);
      assertThat(frames.get(0).getPayload().size()).isLessThan(message.length);
      assertThat(((Decoded.Complete) t.decode(frames.get(0))).message()).isEqualTo(message);
    }
  }

  @Test
  void message_below_the_threshold_or_incompressible_is_sent_as_is() {
    FramingTesting t = FramingTesting.small();
    assertThat(t.codec.encode(FrameType.DATA, TYPE, text(255, 3)).get(0).getCompression()).isEqualTo(Compression.COMPRESSION_NONE);
    assertThat(t.codec.encode(FrameType.DATA, TYPE, random(2000, 3)).get(0).getCompression()).isEqualTo(Compression.COMPRESSION_NONE);
  }

  @Test
  void message_of_exactly_the_single_frame_capacity_is_one_frame_within_the_limit_whatever_the_pipe_sets() {
    FramingTesting t = FramingTesting.small();
    int capacity = t.codec.singlePayloadCapacity(TYPE.length());
    MessageFrame frame = t.codec.encode(FrameType.DATA, TYPE, random(capacity, 4)).get(0);
    assertThat(frame.hasChunk()).isFalse();
    // the pipe sets sequence and ack after encoding: the budget reserved their largest encoding
    MessageFrame sent = frame.toBuilder().setSequence(-1L).setAck(-1L).build();
    assertThat(sent.getSerializedSize()).isLessThanOrEqualTo(FramingTesting.SMALL.maxFrameBytes());
    assertThat(((Decoded.Complete) t.decode(sent)).message()).isEqualTo(frame.getPayload().toByteArray());
  }

  @Test
  void one_byte_over_the_capacity_is_two_chunks_each_within_the_limit() {
    FramingTesting t = FramingTesting.small();
    int capacity = t.codec.singlePayloadCapacity(TYPE.length());
    byte[] message = random(capacity + 1, 5);
    List<MessageFrame> frames = t.codec.encode(FrameType.DATA, TYPE, message);
    assertThat(frames).hasSize(2);
    assertThat(frames).allSatisfy(f -> {
      assertThat(f.getChunk().getTotal()).isEqualTo(2);
      assertThat(f.getChunk().getWholeHash().size()).isEqualTo(32);
      assertThat(f.toBuilder().setSequence(-1L).setAck(-1L).build().getSerializedSize())
        .isLessThanOrEqualTo(FramingTesting.SMALL.maxFrameBytes());
    });
    assertThat(frames.get(0).getFrameId()).isEqualTo(frames.get(1).getFrameId());
    assertThat(t.decode(frames.get(0))).isInstanceOf(Decoded.Pending.class);
    assertThat(t.decoder.partials()).isEqualTo(1);
    assertThat(((Decoded.Complete) t.decode(frames.get(1))).message()).isEqualTo(message);
    assertThat(t.decoder.partials()).isZero();
    assertThat(t.decoder.bufferedBytes()).isZero();
  }

  @Test
  void sixteen_mib_message_round_trips_in_frames_of_at_most_one_mib() {
    FramingTesting t = new FramingTesting(FramingLimits.defaults());
    byte[] message = random(16 << 20, 6);
    List<MessageFrame> frames = t.codec.encode(FrameType.DATA, TYPE, message);
    assertThat(frames).hasSize(17);
    assertThat(frames).allSatisfy(f -> assertThat(FrameCodec.wireSize(f)).isLessThanOrEqualTo((1 << 20) + 4));
    Decoded last = null;
    for (MessageFrame frame : frames) {
      last = t.decode(frame);
    }
    assertThat(((Decoded.Complete) last).message()).isEqualTo(message);
  }

  @Test
  void chunks_arriving_out_of_order_reassemble() {
    FramingTesting t = FramingTesting.small();
    byte[] message = random(10_000, 7);
    List<MessageFrame> frames = t.codec.encode(FrameType.DATA, TYPE, message);
    assertThat(frames).hasSize(3);
    assertThat(t.decode(frames.get(2))).isInstanceOf(Decoded.Pending.class);
    assertThat(t.decode(frames.get(0))).isInstanceOf(Decoded.Pending.class);
    assertThat(((Decoded.Complete) t.decode(frames.get(1))).message()).isEqualTo(message);
  }

  @Test
  void interleaved_chunks_of_two_messages_reassemble_both() {
    FramingTesting t = FramingTesting.small();
    byte[] first = random(9_000, 8);
    byte[] second = text(40_000, 9); // compressed, then chunked
    List<MessageFrame> a = t.codec.encode(FrameType.DATA, "a.A", first);
    List<MessageFrame> b = t.codec.encode(FrameType.CONTROL, "b.B", second);
    assertThat(a.size()).isGreaterThan(1);
    assertThat(b.size()).isGreaterThan(1);
    assertThat(b.get(0).getCompression()).isEqualTo(Compression.ZSTD);
    Decoded.Complete doneA = null;
    Decoded.Complete doneB = null;
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      if (i < a.size() && t.decode(a.get(i)) instanceof Decoded.Complete c) {
        doneA = c;
      }
      if (i < b.size() && t.decode(b.get(i)) instanceof Decoded.Complete c) {
        doneB = c;
      }
    }
    assertThat(doneA.message()).isEqualTo(first);
    assertThat(doneA.messageType()).isEqualTo("a.A");
    assertThat(doneB.message()).isEqualTo(second);
    assertThat(doneB.head().getFrameType()).isEqualTo(FrameType.CONTROL);
  }

  @Test
  void message_above_the_message_limit_is_refused_with_resource_exhausted() {
    FramingTesting t = FramingTesting.small();
    assertThatThrownBy(() -> t.codec.encode(FrameType.DATA, TYPE, new byte[64 * 1024 + 1]))
      .isInstanceOfSatisfying(TransportException.class, e -> {
        assertThat(e.error().getCode()).isEqualTo(TransportErrorCode.RESOURCE_EXHAUSTED);
        assertThat(e.error().getReason()).isEqualTo("oversize");
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      });
  }

  @Test
  void frame_without_a_type_or_with_an_overlong_message_type_is_not_encoded() {
    FramingTesting t = FramingTesting.small();
    assertThatThrownBy(() -> t.codec.encode(FrameType.FRAME_TYPE_UNSPECIFIED, TYPE, new byte[1]))
      .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> t.codec.encode(FrameType.DATA, "x".repeat(257), new byte[1]))
      .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.error().getReason()).isEqualTo("bad_message_type"));
  }

  @Test
  void metrics_count_frames_built_and_parsed_by_type_with_their_sizes() {
    FramingTesting t = FramingTesting.small();
    t.decodeAll(t.codec.encode(FrameType.DATA, TYPE, random(5000, 10)));
    t.decodeAll(t.codec.encode(FrameType.ACK, "", new byte[0]));
    assertThat(t.registry.get(FrameMetrics.BUILT).tag("type", "data").counter().count()).isEqualTo(2);
    assertThat(t.registry.get(FrameMetrics.PARSED).tag("type", "data").counter().count()).isEqualTo(2);
    assertThat(t.registry.get(FrameMetrics.PARSED).tag("type", "ack").counter().count()).isEqualTo(1);
    assertThat(t.registry.get(FrameMetrics.BYTES).tag("direction", "parsed").summary().count()).isEqualTo(3);
    var stats = t.metrics.snapshot();
    assertThat(stats.getBuilt()).isEqualTo(3);
    assertThat(stats.getParsed()).isEqualTo(3);
    assertThat(stats.getParseSuccessRate()).isEqualTo(1.0);
    assertThat(stats.getSizesList().stream().mapToLong(b -> b.getParsed()).sum()).isEqualTo(3);
    assertThat(stats.getSizes(3).getLeBytes()).isEqualTo(4096);
    assertThat(stats.getSizes(3).getParsed()).isEqualTo(2); // the two chunks of about 2.5 KiB
  }

  @Test
  void limits_come_from_the_settings() {
    var config = org.juicetokens.node.config.NodeConfig.of(java.util.Map.of("framing.maxFrameBytes", "8192",
      "framing.compression", "gzip", "framing.maxPartials", "3"));
    FramingLimits limits = FramingLimits.from(config);
    assertThat(limits.maxFrameBytes()).isEqualTo(8192);
    assertThat(limits.maxMessageBytes()).isEqualTo(16 << 20);
    assertThat(limits.maxPartials()).isEqualTo(3);
    assertThat(limits.preferred()).isEqualTo(Compression.GZIP);
    assertThat(FramingLimits.from(org.juicetokens.node.config.NodeConfig.of(java.util.Map.of()))).isEqualTo(FramingLimits.defaults());
    assertThatThrownBy(() -> FramingLimits.from(config.with(java.util.Map.of("framing.maxFrameBytes", "100"))))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
