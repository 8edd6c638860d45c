package org.juicetokens.bench;

import org.juicetokens.transport.framing.Decoded;
import org.juicetokens.transport.framing.FrameCodec;
import org.juicetokens.transport.framing.FrameDecoder;
import org.juicetokens.transport.framing.FramingLimits;
import org.juicetokens.transport.framing.FramingListener;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Frame encode + decode of one message (compress when worth it, chunk, CRC32C, length prefix;
 * then parse, check, reassemble, decompress) with the protocol limits (1 MiB frames, ZSTD from
 * 1 KiB). One thread. {@code payloadBytes}/s and {@code frames}/s are printed as secondary
 * results: MB/s = payloadBytes/s ÷ 10^6. "random" payloads do not compress (sent as they are,
 * the 1 MiB one in two chunks), "text" payloads do (ZSTD above 1 KiB).
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="FrameBench -f 1 -wi 1 -i 3 -r 2s -w 1s"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class FrameBench {
  @Param({"100", "4096", "1048576"})
  public int size;

  @Param({"random", "text"})
  public String content;

  private FrameCodec codec;
  private FrameDecoder decoder;
  private byte[] message;

  /** Per-iteration totals, reported by JMH as rates per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Throughput {
    public long payloadBytes;
    public long frames;

    @Setup(Level.Iteration)
    public void reset() {
      payloadBytes = 0;
      frames = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    codec = new FrameCodec(FramingLimits.defaults(), FramingListener.NOOP);
    decoder = codec.newDecoder();
    Random random = new Random(42);
    message = new byte[size];
    if ("random".equals(content)) {
      random.nextBytes(message);
    } else {
      for (int i = 0; i < size; i++) {
        message[i] = (byte) (random.nextInt(8) == 0 ? ' ' : 'a' + random.nextInt(16));
      }
    }
  }

  @Benchmark
  public Decoded encodeAndDecode(Throughput counters) {
    Decoded last = null;
    for (MessageFrame frame : codec.encode(FrameType.DATA, "juicetokens.bench.Payload", message)) {
      last = decoder.decode(FrameCodec.toWire(frame), 0);
      counters.frames++;
    }
    if (!(last instanceof Decoded.Complete)) {
      throw new IllegalStateException("not decoded: " + last);
    }
    counters.payloadBytes += size;
    return last;
  }
}
