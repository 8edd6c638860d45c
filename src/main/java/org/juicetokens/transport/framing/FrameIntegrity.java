package org.juicetokens.transport.framing;

import com.google.protobuf.ByteString;
import org.juicetokens.transport.framing.proto.Chunk;
import org.juicetokens.transport.framing.proto.MessageFrame;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;

/**
 * The two integrity checks of a frame. The CRC32C runs over the payload and then over the
 * identity fields (version, type, message type, frame id, compression, chunk): the CRC alone
 * over the payload would let a flipped compression or message type through as a different
 * message. Sequence and ack are left out: the pipe sets them after encoding. The SHA-256 of a
 * whole message is carried by each of its chunks and checked after reassembly.
 */
final class FrameIntegrity {
  static final int HASH_BYTES = 32;

  private FrameIntegrity() {
  }

  static int crc(byte[] payload, int offset, int length, MessageFrame.Builder header) {
    CRC32C crc = new CRC32C();
    crc.update(payload, offset, length);
    updateHeader(crc, header.getProtocolVersion(), header.getFrameTypeValue(), header.getMessageTypeBytes(),
      header.getFrameId(), header.getCompressionValue(), header.hasChunk() ? header.getChunk() : null);
    return (int) crc.getValue();
  }

  static int crc(MessageFrame frame) {
    CRC32C crc = new CRC32C();
    crc.update(frame.getPayload().asReadOnlyByteBuffer());
    updateHeader(crc, frame.getProtocolVersion(), frame.getFrameTypeValue(), frame.getMessageTypeBytes(),
      frame.getFrameId(), frame.getCompressionValue(), frame.hasChunk() ? frame.getChunk() : null);
    return (int) crc.getValue();
  }

  private static void updateHeader(CRC32C crc, int version, int type, ByteString messageType, long frameId,
                                   int compression, Chunk chunk) {
    int hashLength = chunk == null ? 0 : chunk.getWholeHash().size();
    ByteBuffer header = ByteBuffer.allocate(4 + 4 + 8 + 4 + 1 + 4 + 4 + 4 + hashLength);
    header.putInt(version).putInt(type).putLong(frameId).putInt(compression);
    if (chunk == null) {
      header.put((byte) 0);
    } else {
      header.put((byte) 1).putInt(chunk.getIndex()).putInt(chunk.getTotal()).putInt(hashLength);
      chunk.getWholeHash().copyTo(header);
    }
    header.flip();
    crc.update(header);
    crc.update(messageType.asReadOnlyByteBuffer());
  }

  static byte[] sha256(byte[] message) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
