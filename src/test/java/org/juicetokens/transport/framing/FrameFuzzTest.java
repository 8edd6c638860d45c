package org.juicetokens.transport.framing;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import org.juicetokens.transport.framing.proto.Compression;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One million mutated frames (bit flips, truncations, inserted and overwritten bytes) over
 * valid frames of several sizes, compressions and chunk counts: the decoder never throws, and
 * nothing it completes differs from the original message. Fixed seed, so a failure replays.
 */
class FrameFuzzTest {
  private static final int MUTATIONS = 1_000_000;
  private static final FramingLimits LIMITS = new FramingLimits(4096, 1 << 20, 8, 30_000, 256, Compression.ZSTD);

  /** One message in frames (wire bytes), with what must come out. */
  private record Corpus(String type, byte[] message, List<byte[]> wires) {
  }

  @Test
  void a_million_mutated_frames_never_throw_and_never_complete_a_different_message() {
    FramingTesting t = new FramingTesting(LIMITS);
    // the decoder's last-resort catch must stay unused: an exception of our own code is a bug, not a refusal
    List<String> escaped = new ArrayList<>();
    FramingListener watching = new FramingListener() {
      @Override
      public void built(FrameType type, int bytes) {
        t.metrics.built(type, bytes);
      }

      @Override
      public void parsed(FrameType type, int bytes) {
        t.metrics.parsed(type, bytes);
      }

      @Override
      public void rejected(org.juicetokens.transport.framing.proto.TransportErrorCode code, String reason, String detail) {
        t.metrics.rejected(code, reason, detail);
        if ("malformed".equals(reason) && !detail.startsWith("not a MessageFrame") && escaped.size() < 10) {
          escaped.add(detail);
        }
      }
    };
    FrameCodec codec = new FrameCodec(LIMITS, watching);
    FrameCodec gzip = new FrameCodec(LIMITS.withCompression(Compression.GZIP, 256), watching);
    List<Corpus> small = new ArrayList<>();
    List<Corpus> chunked = new ArrayList<>();
    small.add(corpus(codec, FrameType.HEARTBEAT, "", new byte[0]));
    small.add(corpus(codec, FrameType.ACK, "ack", new byte[1]));
    small.add(corpus(codec, FrameType.DATA, "juicetokens.x.Small", FramingTesting.random(40, 1)));
    small.add(corpus(codec, FrameType.CONTROL, "juicetokens.x.Hello", FramingTesting.text(180, 2)));
    small.add(corpus(codec, FrameType.DATA, "juicetokens.x.Text", FramingTesting.text(600, 3)));   // zstd
    small.add(corpus(gzip, FrameType.DATA, "juicetokens.x.Gz", FramingTesting.text(600, 4)));        // gzip
    small.add(corpus(codec, FrameType.ERROR, "juicetokens.x.Err", FramingTesting.random(1000, 5)));
    chunked.add(corpus(codec, FrameType.DATA, "juicetokens.x.Two", FramingTesting.random(5000, 6)));
    chunked.add(corpus(gzip, FrameType.DATA, "juicetokens.x.Many", FramingTesting.random(9000, 7)));
    assertThat(small).allMatch(c -> c.wires().size() == 1);
    assertThat(chunked).allMatch(c -> c.wires().size() > 1);

    SplittableRandom random = new SplittableRandom(20261127L);
    byte[] scratch = new byte[8192];
    long completes = 0;
    long rejects = 0;
    FrameDecoder decoder = codec.newDecoder();
    for (int i = 0; i < MUTATIONS; i++) {
      // mostly small frames (fast); one round in ten damages one chunk of a chunked message
      boolean multi = i % 10 == 0;
      Corpus corpus = multi ? chunked.get(random.nextInt(chunked.size())) : small.get(random.nextInt(small.size()));
      int damaged = random.nextInt(corpus.wires().size());
      if (multi) {
        decoder = codec.newDecoder();
      }
      for (int w = 0; w < corpus.wires().size(); w++) {
        byte[] original = corpus.wires().get(w);
        int length = w == damaged ? mutate(original, scratch, random) : copy(original, scratch);
        Buffer unit = BufferInternal.buffer(Unpooled.wrappedBuffer(scratch, 0, length));
        Decoded decoded = decoder.decode(unit, 0);
        if (decoded instanceof Decoded.Complete complete) {
          completes++;
          if (!Arrays.equals(complete.message(), corpus.message()) || !complete.messageType().equals(corpus.type())) {
            throw new AssertionError("mutation " + i + " completed a different message of type " + complete.messageType());
          }
        } else if (decoded instanceof Decoded.Rejected) {
          rejects++;
        }
      }
      if (decoder.partials() > LIMITS.maxPartials()) {
        throw new AssertionError("mutation " + i + " left " + decoder.partials() + " partials");
      }
    }
    assertThat(escaped).isEmpty();
    assertThat(rejects).isGreaterThanOrEqualTo(MUTATIONS * 9L / 10);
    assertThat((double) rejects).isEqualTo(t.metrics.snapshot().getRejected());
    assertThat(completes).isPositive(); // the intact chunks of damaged messages never complete them, the rest do
  }

  private static Corpus corpus(FrameCodec codec, FrameType type, String messageType, byte[] message) {
    List<byte[]> wires = codec.encode(type, messageType, message).stream().map(f -> FrameCodec.toWire(f).getBytes()).toList();
    return new Corpus(messageType, message, wires);
  }

  private static int copy(byte[] original, byte[] scratch) {
    System.arraycopy(original, 0, scratch, 0, original.length);
    return original.length;
  }

  /** A changed copy of {@code original} in {@code scratch}; returns its length. */
  private static int mutate(byte[] original, byte[] scratch, SplittableRandom random) {
    int length = copy(original, scratch);
    switch (random.nextInt(4)) {
      case 0 -> { // one to three bit flips
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
          int bit = random.nextInt(length * 8);
          scratch[bit / 8] ^= (byte) (1 << (bit % 8));
        }
      }
      case 1 -> length = random.nextInt(length); // truncated, possibly to nothing
      case 2 -> { // one byte inserted
        int at = random.nextInt(length + 1);
        System.arraycopy(original, at, scratch, at + 1, length - at);
        scratch[at] = (byte) random.nextInt(256);
        length++;
      }
      default -> { // one byte overwritten with a different value
        int at = random.nextInt(length);
        scratch[at] = (byte) (scratch[at] ^ (1 + random.nextInt(255)));
      }
    }
    return length;
  }
}
