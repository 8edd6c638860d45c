package org.juicetokens.transport.framing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.juicetokens.transport.framing.proto.FrameRejection;
import org.juicetokens.transport.framing.proto.FrameRejectionCount;
import org.juicetokens.transport.framing.proto.FrameSizeBucket;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.FrameTypeCount;
import org.juicetokens.transport.framing.proto.FramingStats;
import org.juicetokens.transport.framing.proto.TransportErrorCode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The node's framing meters, fed by every codec and decoder of the node (one instance, in the
 * NodeContext): {@code juice_frames_built_total{type}}, {@code juice_frames_parsed_total{type}},
 * {@code juice_frames_rejected_total{reason}} and the histogram {@code juice_frame_bytes{direction}}.
 * Labels are bounded: the frame types, the {@link RejectReason} labels (anything else counts as
 * "other"), built|parsed. Also keeps the latest {@value #LATEST} rejections with their details
 * for the admin console. Lock-free: called from every pipe's event loop.
 */
public final class FrameMetrics implements FramingListener {
  public static final String BUILT = "juice.frames.built";
  public static final String PARSED = "juice.frames.parsed";
  public static final String REJECTED = "juice.frames.rejected";
  public static final String BYTES = "juice.frame.bytes";
  /** Upper bounds of the size buckets (wire bytes); a last bucket takes everything larger. */
  public static final long[] SIZE_BOUNDS = {64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576};
  static final int LATEST = 20;
  private static final String OTHER = "other";
  private static final List<FrameType> TYPES = List.of(FrameType.DATA, FrameType.CONTROL, FrameType.HEARTBEAT,
    FrameType.ERROR, FrameType.ACK);

  private final Map<FrameType, Counter> builtByType = new EnumMap<>(FrameType.class);
  private final Map<FrameType, Counter> parsedByType = new EnumMap<>(FrameType.class);
  private final Map<String, Counter> rejectedByReason = new java.util.HashMap<>();
  private final DistributionSummary builtBytes;
  private final DistributionSummary parsedBytes;
  private final LongAdder[] builtSizes = adders(SIZE_BOUNDS.length + 1);
  private final LongAdder[] parsedSizes = adders(SIZE_BOUNDS.length + 1);
  private final AtomicReferenceArray<Rejection> latest = new AtomicReferenceArray<>(LATEST);
  private final AtomicLong rejections = new AtomicLong();

  public FrameMetrics(MeterRegistry registry) {
    for (FrameType type : TYPES) {
      builtByType.put(type, Counter.builder(BUILT).description("Frames built, by frame type").tag("type", label(type)).register(registry));
      parsedByType.put(type, Counter.builder(PARSED).description("Frames accepted by a decoder, by frame type")
        .tag("type", label(type)).register(registry));
    }
    // every reason registered up front (the map is then only read: safe to share between threads)
    for (RejectReason reason : RejectReason.values()) {
      rejectedByReason.put(reason.label(), rejectedCounter(registry, reason.label()));
    }
    rejectedByReason.put(OTHER, rejectedCounter(registry, OTHER));
    builtBytes = sizes(registry, "built");
    parsedBytes = sizes(registry, "parsed");
  }

  @Override
  public void built(FrameType type, int bytes) {
    Counter counter = builtByType.get(type);
    if (counter != null) {
      counter.increment();
    }
    builtBytes.record(bytes);
    builtSizes[bucket(bytes)].increment();
  }

  @Override
  public void parsed(FrameType type, int bytes) {
    Counter counter = parsedByType.get(type);
    if (counter != null) {
      counter.increment();
    }
    parsedBytes.record(bytes);
    parsedSizes[bucket(bytes)].increment();
  }

  @Override
  public void rejected(TransportErrorCode code, String reason, String detail) {
    Counter counter = rejectedByReason.get(reason);
    (counter == null ? rejectedByReason.get(OTHER) : counter).increment();
    long n = rejections.getAndIncrement();
    latest.set((int) (n % LATEST), new Rejection(System.currentTimeMillis(), code, counter == null ? OTHER : reason, detail));
  }

  /** Counters since start, size buckets and the latest rejections (newest first). */
  public FramingStats snapshot() {
    FramingStats.Builder stats = FramingStats.newBuilder();
    long built = 0;
    long parsed = 0;
    for (FrameType type : TYPES) {
      long b = (long) builtByType.get(type).count();
      long p = (long) parsedByType.get(type).count();
      built += b;
      parsed += p;
      stats.addTypes(FrameTypeCount.newBuilder().setType(label(type)).setBuilt(b).setParsed(p));
    }
    long rejected = 0;
    for (RejectReason reason : RejectReason.values()) {
      long count = (long) rejectedByReason.get(reason.label()).count();
      rejected += count;
      stats.addRejections(FrameRejectionCount.newBuilder().setReason(reason.label()).setCode(reason.code().name()).setCount(count));
    }
    long other = (long) rejectedByReason.get(OTHER).count();
    rejected += other;
    stats.addRejections(FrameRejectionCount.newBuilder().setReason(OTHER).setCode("").setCount(other));
    for (int i = 0; i <= SIZE_BOUNDS.length; i++) {
      stats.addSizes(FrameSizeBucket.newBuilder().setLeBytes(i < SIZE_BOUNDS.length ? SIZE_BOUNDS[i] : 0)
        .setBuilt(builtSizes[i].sum()).setParsed(parsedSizes[i].sum()));
    }
    List<FrameRejection> recent = new ArrayList<>(LATEST);
    long next = rejections.get();
    for (long n = next - 1; n >= Math.max(0, next - LATEST); n--) {
      Rejection r = latest.get((int) (n % LATEST));
      if (r != null) {
        recent.add(FrameRejection.newBuilder().setAtMs(r.atMs()).setCode(r.code() == null ? "" : r.code().name())
          .setReason(r.reason()).setDetail(r.detail() == null ? "" : r.detail()).build());
      }
    }
    return stats.setBuilt(built).setParsed(parsed).setRejected(rejected)
      .setParseSuccessRate(parsed + rejected == 0 ? 1.0 : (double) parsed / (parsed + rejected))
      .addAllLatest(recent).build();
  }

  /** One refused frame as remembered (the proto is built only when the console asks). */
  private record Rejection(long atMs, TransportErrorCode code, String reason, String detail) {
  }

  private static Counter rejectedCounter(MeterRegistry registry, String reason) {
    return Counter.builder(REJECTED).description("Frames (and expired partial messages) refused, by reason")
      .tag("reason", reason).register(registry);
  }

  private static DistributionSummary sizes(MeterRegistry registry, String direction) {
    double[] slos = new double[SIZE_BOUNDS.length];
    for (int i = 0; i < slos.length; i++) {
      slos[i] = SIZE_BOUNDS[i];
    }
    return DistributionSummary.builder(BYTES).description("Frame sizes on the wire, length prefix included")
      .baseUnit("bytes").tag("direction", direction).serviceLevelObjectives(slos).register(registry);
  }

  private static int bucket(int bytes) {
    for (int i = 0; i < SIZE_BOUNDS.length; i++) {
      if (bytes <= SIZE_BOUNDS[i]) {
        return i;
      }
    }
    return SIZE_BOUNDS.length;
  }

  private static String label(FrameType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static LongAdder[] adders(int n) {
    LongAdder[] adders = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }
}
