package org.juicetokens.transport.pipe;

import com.google.protobuf.ByteString;
import org.juicetokens.transport.framing.proto.Chunk;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames for session tests, without the codec: one frame per message, or {@code chunkBytes}-sized
 * chunks (so chunk handling is exercised). No checksum: the session never looks at it.
 */
final class TestFrames {
  private TestFrames() {
  }

  static FrameEncoder encoder(int chunkBytes) {
    return (type, messageType, message) -> {
      List<MessageFrame> frames = new ArrayList<>();
      int total = Math.max(1, (message.length + chunkBytes - 1) / chunkBytes);
      for (int i = 0; i < total; i++) {
        MessageFrame.Builder b = MessageFrame.newBuilder().setProtocolVersion(1).setFrameType(type).setMessageType(messageType)
          .setPayload(ByteString.copyFrom(Arrays.copyOfRange(message, Math.min(message.length, i * chunkBytes),
            Math.min(message.length, (i + 1) * chunkBytes))));
        if (total > 1) {
          b.setChunk(Chunk.newBuilder().setIndex(i).setTotal(total));
        }
        frames.add(b.build());
      }
      return frames;
    };
  }

  /** A link that records what is written and can pretend its write queue is full. */
  static final class RecordingLink implements Link {
    final List<MessageFrame> written = new ArrayList<>();
    boolean full;

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public void write(MessageFrame frame) {
      written.add(frame);
    }

    List<MessageFrame> take() {
      List<MessageFrame> out = new ArrayList<>(written);
      written.clear();
      return out;
    }

    List<MessageFrame> data() {
      return written.stream().filter(f -> f.getFrameType() == FrameType.DATA).toList();
    }
  }
}
