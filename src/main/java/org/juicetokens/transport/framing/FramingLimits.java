package org.juicetokens.transport.framing;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.juicetokens.transport.framing.proto.Compression;

import java.util.Locale;

/**
 * The bounds of the frame codec (docs/protocol.md §Transport), one value per setting.
 *
 * @param maxFrameBytes             largest serialized frame (without its length prefix); larger messages are chunked
 * @param maxMessageBytes           largest message, reassembled and decompressed
 * @param maxPartials               most partially received messages one decoder holds
 * @param partialTtlMs              a partial message older than this is dropped
 * @param compressionThresholdBytes messages of at least this size are compressed (kept only when smaller)
 * @param preferred                 the compression used above the threshold
 */
public record FramingLimits(int maxFrameBytes, int maxMessageBytes, int maxPartials, long partialTtlMs,
                            int compressionThresholdBytes, Compression preferred) {
  /** Smallest frame limit: a chunk must carry far more payload than header. */
  public static final int MIN_FRAME_BYTES = 4096;
  /** Longest message type (UTF-8 bytes): keeps the header overhead of every frame small and known. */
  public static final int MAX_MESSAGE_TYPE_BYTES = 256;

  public FramingLimits {
    if (maxFrameBytes < MIN_FRAME_BYTES) {
      throw new IllegalArgumentException("framing.maxFrameBytes must be at least " + MIN_FRAME_BYTES + ", was " + maxFrameBytes);
    }
    if (maxMessageBytes < maxFrameBytes) {
      throw new IllegalArgumentException("framing.maxMessageBytes must be at least framing.maxFrameBytes, was " + maxMessageBytes);
    }
    if (maxPartials < 1) {
      throw new IllegalArgumentException("framing.maxPartials must be > 0, was " + maxPartials);
    }
    if (partialTtlMs < 1) {
      throw new IllegalArgumentException("framing.partialTtlMs must be > 0, was " + partialTtlMs);
    }
    if (compressionThresholdBytes < 0) {
      throw new IllegalArgumentException("framing.compressionThresholdBytes must be >= 0, was " + compressionThresholdBytes);
    }
    if (preferred == null || preferred == Compression.UNRECOGNIZED) {
      throw new IllegalArgumentException("framing.compression must be NONE, GZIP or ZSTD");
    }
  }

  public static FramingLimits from(NodeConfig config) {
    String compression = config.string(Settings.FRAMING_COMPRESSION).trim().toUpperCase(Locale.ROOT);
    Compression preferred = switch (compression) {
      case "NONE" -> Compression.COMPRESSION_NONE;
      case "GZIP" -> Compression.GZIP;
      case "ZSTD" -> Compression.ZSTD;
      default -> throw new IllegalArgumentException("framing.compression must be NONE, GZIP or ZSTD, was " + compression);
    };
    return new FramingLimits(config.integer(Settings.FRAMING_MAX_FRAME), config.integer(Settings.FRAMING_MAX_MESSAGE),
      config.integer(Settings.FRAMING_MAX_PARTIALS), config.longValue(Settings.FRAMING_PARTIAL_TTL_MS),
      config.integer(Settings.FRAMING_COMPRESSION_THRESHOLD), preferred);
  }

  /** The protocol defaults: 1 MiB frames, 16 MiB messages, 64 partials, 30 s, ZSTD from 1 KiB. */
  public static FramingLimits defaults() {
    return new FramingLimits(1 << 20, 16 << 20, 64, 30_000, 1024, Compression.ZSTD);
  }

  /**
   * Bytes one decoder may buffer across all its partial messages: two whole messages, so two
   * interleaved messages of the largest size still arrive while a flood of partials cannot pin
   * {@code maxPartials × maxMessageBytes}.
   */
  public long maxBufferedBytes() {
    return 2L * maxMessageBytes;
  }

  /** These limits with another compression choice (tests, benchmarks). */
  public FramingLimits withCompression(Compression compression, int thresholdBytes) {
    return new FramingLimits(maxFrameBytes, maxMessageBytes, maxPartials, partialTtlMs, thresholdBytes, compression);
  }
}
