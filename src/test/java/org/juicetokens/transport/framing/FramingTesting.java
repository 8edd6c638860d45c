package org.juicetokens.transport.framing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import org.juicetokens.transport.framing.proto.Compression;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportErrorCode;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A codec with its own meters, small limits for fast tests, and frame forging with a valid CRC. */
final class FramingTesting {
  /** 4 KiB frames, 64 KiB messages, 4 partials, 1 s TTL, ZSTD from 256 bytes. */
  static final FramingLimits SMALL = new FramingLimits(4096, 64 * 1024, 4, 1000, 256, Compression.ZSTD);

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final FrameMetrics metrics = new FrameMetrics(registry);
  final FrameCodec codec;
  final FrameDecoder decoder;

  FramingTesting(FramingLimits limits) {
    codec = new FrameCodec(limits, metrics);
    decoder = codec.newDecoder();
  }

  static FramingTesting small() {
    return new FramingTesting(SMALL);
  }

  /** A frame changed by {@code change}, with its CRC recomputed so only the change is wrong. */
  static MessageFrame forged(MessageFrame frame, java.util.function.Consumer<MessageFrame.Builder> change) {
    MessageFrame.Builder builder = frame.toBuilder();
    change.accept(builder);
    byte[] payload = builder.getPayload().toByteArray();
    return builder.setCrc32C(FrameIntegrity.crc(payload, 0, payload.length, builder)).build();
  }

  static Buffer wire(MessageFrame frame) {
    return FrameCodec.toWire(frame);
  }

  Decoded decode(MessageFrame frame) {
    return decoder.decode(wire(frame), 0);
  }

  double rejected(String reason) {
    return registry.get(FrameMetrics.REJECTED).tag("reason", reason).counter().count();
  }

  /** Asserts a rejection with this code and reason, counted once in the metric. */
  void assertRejected(Decoded decoded, TransportErrorCode code, String reason) {
    assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
    Decoded.Rejected rejected = (Decoded.Rejected) decoded;
    assertThat(rejected.error().getCode()).isEqualTo(code);
    assertThat(rejected.error().getReason()).isEqualTo(reason);
    assertThat(rejected(reason)).isEqualTo(1.0);
    assertThat(metrics.snapshot().getLatest(0).getReason()).isEqualTo(reason);
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Bytes that compress: words from a small alphabet. */
  static byte[] text(int size, long seed) {
    Random random = new Random(seed);
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (random.nextInt(8) == 0 ? ' ' : 'a' + random.nextInt(6));
    }
    return bytes;
  }

  /** Decodes every frame in order; returns the last result. */
  Decoded decodeAll(List<MessageFrame> frames) {
    Decoded last = null;
    for (MessageFrame frame : frames) {
      last = decode(frame);
    }
    return last;
  }
}
