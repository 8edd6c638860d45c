package org.juicetokens.transport.framing;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import org.juicetokens.transport.framing.proto.Chunk;
import org.juicetokens.transport.framing.proto.Compression;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encodes messages into {@link MessageFrame}s (docs/protocol.md §Transport): a message of at
 * least the compression threshold is compressed when that makes it smaller; a message that does
 * not fit one frame is chunked, every chunk carrying the SHA-256 of the whole message; every
 * frame carries a CRC32C (see {@link FrameIntegrity}). Sequence and ack stay 0 for the pipe to
 * set; the frame size budget reserves their largest encoding, so a frame stays within
 * {@code maxFrameBytes} whatever the pipe writes there. Pure and thread-safe: one per node is
 * enough, each pipe takes its own {@link #newDecoder()}.
 */
public final class FrameCodec {
  public static final int PROTOCOL_VERSION = 1;

  private final FramingLimits limits;
  private final FramingListener listener;
  private final AtomicLong nextFrameId = new AtomicLong(ThreadLocalRandom.current().nextLong() >>> 1);
  private final int maxChunks;

  public FrameCodec(FramingLimits limits, FramingListener listener) {
    this.limits = limits;
    this.listener = listener == null ? FramingListener.NOOP : listener;
    this.maxChunks = (int) Math.min(Integer.MAX_VALUE,
      ceilDiv(limits.maxMessageBytes(), chunkPayloadCapacity(FramingLimits.MAX_MESSAGE_TYPE_BYTES)));
  }

  public FramingLimits limits() {
    return limits;
  }

  /**
   * The frames of one message, in chunk order. The frames share {@code message}'s bytes when it
   * is sent uncompressed: do not change the array afterwards.
   *
   * @throws TransportException RESOURCE_EXHAUSTED (oversize) for a message above the limit,
   *                            PROTOCOL_ERROR (bad_message_type) without a frame type or with a message type over 256 bytes
   */
  public List<MessageFrame> encode(FrameType type, String messageType, byte[] message) {
    if (type == null || type == FrameType.FRAME_TYPE_UNSPECIFIED || type == FrameType.UNRECOGNIZED) {
      throw TransportException.of(RejectReason.BAD_MESSAGE_TYPE, "frame type " + type + " cannot be sent");
    }
    ByteString typeBytes = ByteString.copyFromUtf8(messageType == null ? "" : messageType);
    if (typeBytes.size() > FramingLimits.MAX_MESSAGE_TYPE_BYTES) {
      throw TransportException.of(RejectReason.BAD_MESSAGE_TYPE, "message type of " + typeBytes.size() + " bytes, at most "
        + FramingLimits.MAX_MESSAGE_TYPE_BYTES);
    }
    byte[] whole = message == null ? new byte[0] : message;
    if (whole.length > limits.maxMessageBytes()) {
      throw TransportException.of(RejectReason.OVERSIZE, "message of " + whole.length + " bytes exceeds " + limits.maxMessageBytes());
    }
    Compression compression = Compression.COMPRESSION_NONE;
    byte[] body = whole;
    if (limits.preferred() != Compression.COMPRESSION_NONE && whole.length > 0 && whole.length >= limits.compressionThresholdBytes()) {
      byte[] packed = Compressors.compress(limits.preferred(), whole);
      if (packed.length < whole.length) {
        compression = limits.preferred();
        body = packed;
      }
    }
    MessageFrame.Builder header = MessageFrame.newBuilder()
      .setProtocolVersion(PROTOCOL_VERSION)
      .setFrameType(type)
      .setMessageTypeBytes(typeBytes)
      .setFrameId(nextFrameId.getAndIncrement())
      .setCompression(compression);
    if (body.length <= singlePayloadCapacity(typeBytes.size())) {
      return List.of(frame(header, body, 0, body.length));
    }
    int chunkSize = chunkPayloadCapacity(typeBytes.size());
    int total = (int) ceilDiv(body.length, chunkSize);
    ByteString hash = UnsafeByteOperations.unsafeWrap(FrameIntegrity.sha256(whole));
    List<MessageFrame> frames = new ArrayList<>(total);
    for (int index = 0; index < total; index++) {
      int offset = index * chunkSize;
      header.setChunk(Chunk.newBuilder().setIndex(index).setTotal(total).setWholeHash(hash));
      frames.add(frame(header, body, offset, Math.min(chunkSize, body.length - offset)));
    }
    return frames;
  }

  /** One decoder per pipe (it holds that pipe's partial messages). */
  public FrameDecoder newDecoder() {
    return new FrameDecoder(limits, listener, maxChunks);
  }

  /**
   * The wire form of a frame: its length as a varint, then the frame — one WebSocket binary
   * message. The buffer wraps exactly those bytes (no spare capacity): send it, do not append to it.
   */
  public static Buffer toWire(MessageFrame frame) {
    int size = frame.getSerializedSize();
    byte[] out = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    try {
      stream.writeUInt32NoTag(size);
      frame.writeTo(stream);
      stream.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("a frame did not fit its own size", e);
    }
    // wrapped, not copied: a 1 MiB frame is copied once, into this array
    return BufferInternal.buffer(Unpooled.wrappedBuffer(out));
  }

  /** Wire size of a frame (length prefix included). */
  public static int wireSize(MessageFrame frame) {
    int size = frame.getSerializedSize();
    return CodedOutputStream.computeUInt32SizeNoTag(size) + size;
  }

  /** The largest (compressed) message that travels in one frame, for a message type of {@code typeBytes} UTF-8 bytes. */
  public int singlePayloadCapacity(int typeBytes) {
    return limits.maxFrameBytes() - overhead(typeBytes, false);
  }

  /** The payload of each chunk of a chunked message. */
  public int chunkPayloadCapacity(int typeBytes) {
    return limits.maxFrameBytes() - overhead(typeBytes, true);
  }

  private MessageFrame frame(MessageFrame.Builder header, byte[] body, int offset, int length) {
    header.setPayload(UnsafeByteOperations.unsafeWrap(body, offset, length));
    header.setCrc32C(FrameIntegrity.crc(body, offset, length, header));
    MessageFrame frame = header.build();
    listener.built(frame.getFrameType(), wireSize(frame));
    return frame;
  }

  /** Every field but the payload at its largest encoding (sequence and ack included: the pipe sets them later). */
  private int overhead(int typeBytes, boolean chunked) {
    int size = CodedOutputStream.computeUInt32Size(1, PROTOCOL_VERSION)
      + CodedOutputStream.computeEnumSize(2, FrameType.ACK_VALUE)
      + (typeBytes == 0 ? 0 : CodedOutputStream.computeTagSize(3) + CodedOutputStream.computeUInt32SizeNoTag(typeBytes) + typeBytes)
      + CodedOutputStream.computeUInt64Size(4, -1L)
      + CodedOutputStream.computeUInt64Size(5, -1L)
      + CodedOutputStream.computeEnumSize(6, Compression.ZSTD_VALUE)
      + CodedOutputStream.computeTagSize(8) + CodedOutputStream.computeUInt32SizeNoTag(limits.maxFrameBytes())
      + CodedOutputStream.computeFixed32Size(9, -1)
      + CodedOutputStream.computeUInt64Size(10, -1L);
    if (chunked) {
      int chunk = CodedOutputStream.computeUInt32Size(1, -1) + CodedOutputStream.computeUInt32Size(2, -1)
        + CodedOutputStream.computeTagSize(3) + CodedOutputStream.computeUInt32SizeNoTag(FrameIntegrity.HASH_BYTES) + FrameIntegrity.HASH_BYTES;
      size += CodedOutputStream.computeTagSize(7) + CodedOutputStream.computeUInt32SizeNoTag(chunk) + chunk;
    }
    return size;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
