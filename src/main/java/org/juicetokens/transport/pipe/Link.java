package org.juicetokens.transport.pipe;

import org.juicetokens.transport.framing.proto.MessageFrame;

/** The connection a session currently writes to (a WebSocket in the node, a list in tests). */
public interface Link {
  /** True while the connection's write queue is above its bound: write nothing more until it drains. */
  boolean writeQueueFull();

  void write(MessageFrame frame);
}
