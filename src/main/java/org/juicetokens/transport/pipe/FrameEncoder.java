package org.juicetokens.transport.pipe;

import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;

import java.util.List;

/** How a pipe turns a message into frames: {@code FrameCodec::encode} (compression, chunks, checksum). */
@FunctionalInterface
public interface FrameEncoder {
  List<MessageFrame> encode(FrameType type, String messageType, byte[] message);
}
