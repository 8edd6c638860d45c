package org.juicetokens.transport.framing;

import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportError;

/** What one wire unit decoded to. */
public sealed interface Decoded permits Decoded.Complete, Decoded.Pending, Decoded.Rejected {

  /**
   * A whole message (of any frame type). {@code head} is the frame that completed it — for a
   * chunked message the last chunk to arrive — without its payload; its sequence and ack are
   * that frame's. {@code message} is the uncompressed, reassembled message.
   */
  record Complete(MessageFrame head, String messageType, byte[] message) implements Decoded {
  }

  /** A chunk was stored; its message is not complete yet. {@code frame} is without its payload. */
  record Pending(MessageFrame frame) implements Decoded {
  }

  /** The wire unit was refused; nothing was stored (a partial it poisoned is dropped). */
  record Rejected(TransportError error) implements Decoded {
  }
}
