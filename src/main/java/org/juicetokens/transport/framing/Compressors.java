package org.juicetokens.transport.framing;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import org.juicetokens.transport.framing.proto.Compression;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Compression of whole messages, and decompression that never allocates more than the message
 * limit: a ZSTD frame must declare its content size (the encoder always does), a GZIP stream is
 * read into a buffer that stops growing at the limit. A bomb is refused as OVERSIZE, a damaged
 * stream as DECOMPRESSION.
 */
final class Compressors {
  // level 1: on the wire speed matters more than the last percent of ratio (3 was 3–6× slower here, no smaller)
  private static final int ZSTD_LEVEL = 1;
  private static final int GZIP_BUFFER = 8192;
  private static final int MIN_CAPACITY = 256;
  // one native context per thread (event loops, workers: a fixed few), reused: creating one per
  // message costs more than compressing a 4 KiB message
  private static final ThreadLocal<ZstdCompressCtx> ZSTD_OUT = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(ZSTD_LEVEL));
  private static final ThreadLocal<ZstdDecompressCtx> ZSTD_IN = ThreadLocal.withInitial(ZstdDecompressCtx::new);

  private Compressors() {
  }

  static byte[] compress(Compression compression, byte[] message) {
    return switch (compression) {
      case ZSTD -> ZSTD_OUT.get().compress(message);
      case GZIP -> gzip(message);
      default -> message;
    };
  }

  /** The decompressed message, at most {@code maxBytes}; failures carry their reject reason. */
  static byte[] decompress(Compression compression, byte[] data, int maxBytes) {
    return switch (compression) {
      case ZSTD -> unzstd(data, maxBytes);
      case GZIP -> gunzip(data, maxBytes);
      default -> data;
    };
  }

  private static byte[] gzip(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, message.length / 2));
    try (GZIPOutputStream gz = new GZIPOutputStream(out, GZIP_BUFFER)) {
      gz.write(message);
    } catch (IOException e) {
      throw new IllegalStateException("gzip to memory failed", e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  private static byte[] unzstd(byte[] data, int maxBytes) {
    long size = Zstd.getFrameContentSize(data);
    if (size < 0) {
      throw new Refusal(RejectReason.DECOMPRESSION, "zstd frame without a readable content size (" + size + ")");
    }
    if (size > maxBytes) {
      throw new Refusal(RejectReason.OVERSIZE, "zstd content of " + size + " bytes exceeds " + maxBytes);
    }
    byte[] out = new byte[(int) size];
    int written;
    try {
      written = ZSTD_IN.get().decompressByteArray(out, 0, out.length, data, 0, data.length);
    } catch (ZstdException e) {
      throw new Refusal(RejectReason.DECOMPRESSION, "zstd: " + e.getMessage());
    }
    if (written != size) {
      throw new Refusal(RejectReason.DECOMPRESSION, "zstd content is " + written + " bytes, declared " + size);
    }
    return out;
  }

  private static byte[] gunzip(byte[] data, int maxBytes) {
    // the trailer's size (mod 2^32) is only a hint for the first allocation: a sender may lie
    int hint = data.length >= 4 ? (data[data.length - 4] & 0xff) | (data[data.length - 3] & 0xff) << 8
      | (data[data.length - 2] & 0xff) << 16 | (data[data.length - 1] & 0xff) << 24 : 0;
    int capacity = hint > 0 ? Math.min(hint, maxBytes) : Math.min(Math.max(MIN_CAPACITY, data.length * 4), maxBytes);
    byte[] out = new byte[Math.max(1, capacity)];
    int length = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), GZIP_BUFFER)) {
      while (true) {
        if (length == out.length) {
          if (out.length >= maxBytes) {
            if (in.read() < 0) {
              break;
            }
            throw new Refusal(RejectReason.OVERSIZE, "gzip content exceeds " + maxBytes + " bytes");
          }
          out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, maxBytes));
        }
        int n = in.read(out, length, out.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
    } catch (IOException e) {
      throw new Refusal(RejectReason.DECOMPRESSION, "gzip: " + e.getMessage());
    }
    return length == out.length ? out : Arrays.copyOf(out, length);
  }
}
