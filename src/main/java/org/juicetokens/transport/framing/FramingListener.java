package org.juicetokens.transport.framing;

import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.TransportErrorCode;

/**
 * What the codec reports about every frame: built, parsed, or rejected with a reason (one of
 * {@link RejectReason}'s labels, a bounded set). Called on the encoding or decoding thread, so
 * implementations must be thread-safe and cheap.
 */
public interface FramingListener {
  FramingListener NOOP = new FramingListener() {
    @Override
    public void built(FrameType type, int bytes) {
    }

    @Override
    public void parsed(FrameType type, int bytes) {
    }

    @Override
    public void rejected(TransportErrorCode code, String reason, String detail) {
    }
  };

  /** A frame was built; {@code bytes} = its size on the wire, length prefix included. */
  void built(FrameType type, int bytes);

  /** A frame was accepted (a whole message or one stored chunk); {@code bytes} = its wire size. */
  void parsed(FrameType type, int bytes);

  /** A frame, or a partial message (reason "expired"), was refused. */
  void rejected(TransportErrorCode code, String reason, String detail);
}
