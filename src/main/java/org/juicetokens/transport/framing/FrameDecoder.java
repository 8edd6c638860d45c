package org.juicetokens.transport.framing;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import io.vertx.core.buffer.Buffer;
import org.juicetokens.transport.framing.proto.Chunk;
import org.juicetokens.transport.framing.proto.Compression;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportError;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the wire units of one pipe and reassembles chunked messages. Never throws: every
 * fault becomes a {@link Decoded.Rejected} with its {@link RejectReason}, reported to the
 * listener. Bounded: at most {@code maxPartials} partial messages, at most
 * {@link FramingLimits#maxBufferedBytes()} buffered, none older than {@code partialTtlMs} once
 * {@link #expire} ran; nothing larger than {@code maxMessageBytes} is ever allocated.
 * Single-threaded (the pipe's event loop).
 */
public final class FrameDecoder {
  private static final int MAX_PREFIX_BYTES = 5;

  private final FramingLimits limits;
  private final FramingListener listener;
  private final int maxChunks;
  private final Map<Long, Partial> partials = new LinkedHashMap<>();
  private long bufferedBytes;

  FrameDecoder(FramingLimits limits, FramingListener listener, int maxChunks) {
    this.limits = limits;
    this.listener = listener;
    this.maxChunks = maxChunks;
  }

  /** One wire unit (length prefix + frame), received at {@code nowMs}. */
  public Decoded decode(Buffer wireUnit, long nowMs) {
    try {
      return decodeUnit(wireUnit, nowMs);
    } catch (Refusal e) {
      return reject(e.error());
    } catch (RuntimeException e) {
      // a fault of a library under hostile input: still a refused frame, never an escape
      return reject(TransportException.error(RejectReason.MALFORMED, e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /** Drops the partial messages older than the TTL; returns how many. */
  public int expire(long nowMs) {
    int dropped = 0;
    Iterator<Partial> it = partials.values().iterator();
    while (it.hasNext()) {
      Partial partial = it.next();
      if (partial.expired(nowMs, limits.partialTtlMs())) {
        it.remove();
        bufferedBytes -= partial.bytes;
        dropped++;
        listener.rejected(RejectReason.EXPIRED.code(), RejectReason.EXPIRED.label(), partial.describe("expired after "
          + (nowMs - partial.startedMs) + " ms"));
      }
    }
    return dropped;
  }

  /** Partial messages held now. */
  public int partials() {
    return partials.size();
  }

  /** Payload bytes held by the partial messages now. */
  public long bufferedBytes() {
    return bufferedBytes;
  }

  private Decoded decodeUnit(Buffer wireUnit, long nowMs) {
    MessageFrame frame = parse(wireUnit);
    if (frame.getProtocolVersion() != FrameCodec.PROTOCOL_VERSION) {
      throw fault(RejectReason.UNKNOWN_VERSION, frame, "protocol version " + Integer.toUnsignedString(frame.getProtocolVersion()));
    }
    if (FrameIntegrity.crc(frame) != frame.getCrc32C()) {
      throw fault(RejectReason.BAD_CHECKSUM, frame, "crc32c mismatch over " + frame.getPayload().size() + " payload bytes");
    }
    FrameType type = frame.getFrameType();
    if (type == FrameType.UNRECOGNIZED || type == FrameType.FRAME_TYPE_UNSPECIFIED) {
      throw fault(RejectReason.UNKNOWN_TYPE, frame, "frame type " + frame.getFrameTypeValue());
    }
    if (frame.getCompression() == Compression.UNRECOGNIZED) {
      throw fault(RejectReason.UNKNOWN_COMPRESSION, frame, "compression " + frame.getCompressionValue());
    }
    int wireBytes = wireUnit.length();
    if (!frame.hasChunk()) {
      byte[] message = decompress(frame.getCompression(), frame.getPayload().toByteArray(), frame);
      listener.parsed(type, wireBytes);
      return new Decoded.Complete(withoutPayload(frame), frame.getMessageType(), message);
    }
    return chunk(frame, wireBytes, nowMs);
  }

  /** Length prefix, declared length against the unit and the limit, then the protobuf. */
  private MessageFrame parse(Buffer wireUnit) {
    int available = wireUnit == null ? 0 : wireUnit.length();
    if (available == 0) {
      throw new Refusal(RejectReason.TRUNCATED, "empty wire unit");
    }
    long length = 0;
    int position = 0;
    while (true) {
      if (position == available) {
        throw new Refusal(RejectReason.TRUNCATED, "length prefix incomplete after " + position + " bytes");
      }
      if (position == MAX_PREFIX_BYTES) {
        throw new Refusal(RejectReason.BAD_LENGTH, "length prefix longer than " + MAX_PREFIX_BYTES + " bytes");
      }
      byte b = wireUnit.getByte(position);
      length |= (long) (b & 0x7f) << (7 * position);
      position++;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (length == 0) {
      throw new Refusal(RejectReason.BAD_LENGTH, "zero-length frame");
    }
    if (length > limits.maxFrameBytes()) {
      throw new Refusal(RejectReason.OVERSIZE, "frame of " + length + " bytes exceeds " + limits.maxFrameBytes());
    }
    long rest = available - position;
    if (rest < length) {
      throw new Refusal(RejectReason.TRUNCATED, "frame declares " + length + " bytes, " + rest + " arrived");
    }
    if (rest > length) {
      throw new Refusal(RejectReason.BAD_LENGTH, (rest - length) + " bytes after the declared " + length);
    }
    byte[] bytes = wireUnit.getBytes(position, available);
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    in.enableAliasing(true); // the payload stays in this one copy
    try {
      return MessageFrame.parseFrom(in);
    } catch (IOException e) {
      throw new Refusal(RejectReason.MALFORMED, "not a MessageFrame: " + e.getMessage());
    }
  }

  private Decoded chunk(MessageFrame frame, int wireBytes, long nowMs) {
    Chunk chunk = frame.getChunk();
    long index = Integer.toUnsignedLong(chunk.getIndex());
    long total = Integer.toUnsignedLong(chunk.getTotal());
    if (total < 2 || index >= total) {
      throw fault(RejectReason.CHUNK_INDEX, frame, "chunk " + index + " of " + total);
    }
    if (total > maxChunks) {
      throw fault(RejectReason.OVERSIZE, frame, total + " chunks, at most " + maxChunks);
    }
    if (chunk.getWholeHash().size() != FrameIntegrity.HASH_BYTES) {
      throw fault(RejectReason.CHUNK_MISMATCH, frame, "whole-message hash of " + chunk.getWholeHash().size() + " bytes");
    }
    Partial partial = partials.get(frame.getFrameId());
    if (partial != null && partial.expired(nowMs, limits.partialTtlMs())) {
      expire(nowMs);
      partial = null;
    }
    boolean fresh = partial == null;
    if (fresh) {
      if (partials.size() >= limits.maxPartials() && expire(nowMs) == 0) {
        throw fault(RejectReason.TOO_MANY_PARTIALS, frame, partials.size() + " partial messages held");
      }
      partial = new Partial(frame, (int) total, nowMs);
    } else if (!partial.matches(frame)) {
      throw fault(RejectReason.CHUNK_MISMATCH, frame, "header differs from the earlier chunks");
    } else if (partial.chunks[(int) index] != null) {
      throw fault(RejectReason.DUPLICATE_CHUNK, frame, "chunk " + index + " of " + total + " again");
    }
    ByteString payload = frame.getPayload();
    if ((long) partial.bytes + payload.size() > limits.maxMessageBytes()) {
      drop(partial, fresh);
      throw fault(RejectReason.OVERSIZE, frame, "chunks exceed " + limits.maxMessageBytes() + " bytes");
    }
    if (bufferedBytes + payload.size() > limits.maxBufferedBytes()) {
      throw fault(RejectReason.BUFFER_FULL, frame, bufferedBytes + " bytes buffered in " + partials.size() + " partials");
    }
    partial.chunks[(int) index] = payload;
    partial.received++;
    partial.bytes += payload.size();
    bufferedBytes += payload.size();
    if (fresh) {
      partials.put(frame.getFrameId(), partial);
    }
    if (partial.received < partial.total) {
      listener.parsed(frame.getFrameType(), wireBytes);
      return new Decoded.Pending(withoutPayload(frame));
    }
    drop(partial, false);
    byte[] message = decompress(partial.compression, partial.join(), frame);
    if (!MessageDigest.isEqual(FrameIntegrity.sha256(message), partial.hash.toByteArray())) {
      throw fault(RejectReason.HASH_MISMATCH, frame, "reassembled message of " + message.length + " bytes");
    }
    listener.parsed(frame.getFrameType(), wireBytes);
    return new Decoded.Complete(withoutPayload(frame), partial.messageType, message);
  }

  private byte[] decompress(Compression compression, byte[] data, MessageFrame frame) {
    try {
      return Compressors.decompress(compression, data, limits.maxMessageBytes());
    } catch (Refusal e) {
      throw fault(RejectReason.byLabel(e.error().getReason()), frame, e.error().getDetail());
    }
  }

  private void drop(Partial partial, boolean neverStored) {
    if (!neverStored && partials.remove(partial.frameId) != null) {
      bufferedBytes -= partial.bytes;
    }
  }

  private Decoded reject(TransportError error) {
    listener.rejected(error.getCode(), error.getReason(), error.getDetail());
    return new Decoded.Rejected(error);
  }

  private static Refusal fault(RejectReason reason, MessageFrame frame, String detail) {
    return new Refusal(reason, "frame " + Long.toUnsignedString(frame.getFrameId()) + " (" + frame.getFrameTypeValue()
      + "): " + detail);
  }

  private static MessageFrame withoutPayload(MessageFrame frame) {
    return frame.toBuilder().clearPayload().build();
  }

  /** The chunks of one message received so far. */
  private static final class Partial {
    final long frameId;
    final int frameType;
    final String messageType;
    final Compression compression;
    final int total;
    final ByteString hash;
    final ByteString[] chunks;
    final long startedMs;
    int received;
    int bytes;

    Partial(MessageFrame first, int total, long startedMs) {
      this.frameId = first.getFrameId();
      this.frameType = first.getFrameTypeValue();
      this.messageType = first.getMessageType();
      this.compression = first.getCompression();
      this.total = total;
      this.hash = first.getChunk().getWholeHash();
      this.chunks = new ByteString[total];
      this.startedMs = startedMs;
    }

    boolean matches(MessageFrame frame) {
      return frame.getFrameTypeValue() == frameType && frame.getCompression() == compression
        && frame.getChunk().getTotal() == total && frame.getChunk().getWholeHash().equals(hash)
        && frame.getMessageType().equals(messageType);
    }

    boolean expired(long nowMs, long ttlMs) {
      return nowMs - startedMs > ttlMs;
    }

    byte[] join() {
      byte[] whole = new byte[bytes];
      int offset = 0;
      for (ByteString chunk : chunks) {
        chunk.copyTo(whole, offset);
        offset += chunk.size();
      }
      return whole;
    }

    String describe(String what) {
      return "frame " + Long.toUnsignedString(frameId) + ": " + received + " of " + total + " chunks, " + what;
    }
  }
}
