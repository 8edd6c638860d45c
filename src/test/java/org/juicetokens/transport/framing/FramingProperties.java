package org.juicetokens.transport.framing;

import io.vertx.core.buffer.Buffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.juicetokens.transport.framing.proto.Compression;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips over arbitrary messages, and what arbitrary or damaged input can (not) become. */
class FramingProperties {
  /** 4 KiB frames so modest messages are chunked; 1 MiB messages. */
  private static FramingLimits limits(Compression compression) {
    return new FramingLimits(4096, 1 << 20, 64, 30_000, 256, compression);
  }

  record Sample(byte[] message, Compression compression, long seed) {
  }

  @Provide
  Arbitrary<Sample> samples() {
    Arbitrary<Integer> sizes = Arbitraries.oneOf(Arbitraries.integers().between(0, 300),
      Arbitraries.integers().between(0, 300_000));
    Arbitrary<Integer> kinds = Arbitraries.integers().between(0, 2);
    return Combinators.combine(sizes, kinds, Arbitraries.of(Compression.COMPRESSION_NONE, Compression.GZIP, Compression.ZSTD),
      Arbitraries.longs()).as((size, kind, compression, seed) -> new Sample(content(kind, size, seed), compression, seed));
  }

  private static byte[] content(int kind, int size, long seed) {
    return switch (kind) {
      case 0 -> FramingTesting.random(size, seed);
      case 1 -> FramingTesting.text(size, seed);
      default -> new byte[size];
    };
  }

  // edge cases off: their combinations alone would use up every try, and the examples cover them
  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void encode_then_decode_in_any_chunk_order_is_the_identity(@ForAll("samples") Sample sample) {
    FramingTesting t = new FramingTesting(limits(sample.compression()));
    List<MessageFrame> frames = new ArrayList<>(t.codec.encode(FrameType.DATA, "p.Message", sample.message()));
    Collections.shuffle(frames, new Random(sample.seed()));
    List<Decoded> results = new ArrayList<>();
    frames.forEach(frame -> results.add(t.decode(frame)));

    assertThat(results.subList(0, results.size() - 1)).allMatch(d -> d instanceof Decoded.Pending);
    Decoded.Complete complete = (Decoded.Complete) results.get(results.size() - 1);
    assertThat(complete.message()).isEqualTo(sample.message());
    assertThat(complete.messageType()).isEqualTo("p.Message");
    assertThat(t.decoder.partials()).isZero();
  }

  @Property(tries = 3)
  void messages_up_to_sixteen_mib_round_trip_with_the_protocol_limits(
    @ForAll @IntRange(min = 15 << 20, max = 16 << 20) int size, @ForAll @IntRange(min = 0, max = 1) int kind) {
    FramingTesting t = new FramingTesting(FramingLimits.defaults());
    byte[] message = content(kind, size, size);
    Decoded last = t.decodeAll(t.codec.encode(FrameType.DATA, "p.Big", message));
    assertThat(((Decoded.Complete) last).message()).isEqualTo(message);
  }

  @Property(tries = 500)
  void arbitrary_bytes_are_rejected_without_a_throw(@ForAll @Size(max = 2000) byte[] bytes, @ForAll boolean withValidPrefix) {
    FramingTesting t = FramingTesting.small();
    Buffer unit = Buffer.buffer();
    if (withValidPrefix) {
      int n = bytes.length;
      do { // a correct varint length, so the bytes reach the protobuf parser
        unit.appendByte((byte) (n > 0x7f ? (n & 0x7f) | 0x80 : n));
        n >>>= 7;
      } while (n > 0);
    }
    Decoded decoded = t.decoder.decode(unit.appendBytes(bytes), 0);
    assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
    assertThat(t.metrics.snapshot().getRejected()).isEqualTo(1);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void a_single_bit_flip_never_decodes_into_a_different_message(@ForAll("samples") Sample sample,
                                                                 @ForAll @IntRange(min = 0) int where) {
    FramingTesting t = new FramingTesting(limits(sample.compression()));
    List<MessageFrame> frames = t.codec.encode(FrameType.DATA, "p.Message", sample.message());
    int damaged = where % frames.size();
    for (int i = 0; i < frames.size(); i++) {
      byte[] wire = FramingTesting.wire(frames.get(i)).getBytes();
      if (i == damaged) {
        int bit = (where / frames.size()) % (wire.length * 8);
        wire[bit / 8] ^= (byte) (1 << (bit % 8));
      }
      Decoded decoded = t.decoder.decode(Buffer.buffer(wire), 0);
      if (decoded instanceof Decoded.Complete complete) {
        assertThat(complete.message()).isEqualTo(sample.message());
        assertThat(complete.messageType()).isEqualTo("p.Message");
      }
      if (i == damaged) {
        assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
      }
    }
  }
}
