package org.juicetokens.transport.pipe;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Messages waiting to be sent: while the peer is away, while the window is full, or while the
 * connection's write queue is full. Bounded by a count and by bytes (one message is always
 * accepted into an empty outbox, whatever its size); a full outbox refuses, it never grows.
 */
public final class Outbox {
  private final int maxMessages;
  private final long maxBytes;
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
  private long bytes;
  private int highWater;

  public Outbox(int maxMessages, long maxBytes) {
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
  }

  /** Queues {@code message}; false when that would exceed a bound. */
  public boolean offer(Outgoing message) {
    if (queue.size() >= maxMessages || (!queue.isEmpty() && bytes + message.bytes() > maxBytes)) {
      return false;
    }
    queue.addLast(message);
    bytes += message.bytes();
    highWater = Math.max(highWater, queue.size());
    return true;
  }

  public Outgoing poll() {
    Outgoing next = queue.pollFirst();
    if (next != null) {
      bytes -= next.bytes();
    }
    return next;
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  public int size() {
    return queue.size();
  }

  public long bytes() {
    return bytes;
  }

  public int highWater() {
    return highWater;
  }

  /** At a bound: the producer should wait for a drain. */
  public boolean full() {
    return queue.size() >= maxMessages || bytes >= maxBytes;
  }

  /** Back below half of both bounds: a waiting producer may go on. */
  public boolean drained() {
    return queue.size() <= maxMessages / 2 && bytes <= maxBytes / 2;
  }

  public int maxMessages() {
    return maxMessages;
  }

  /** Empties the outbox, handing every message to {@code each}. */
  public void drainTo(Consumer<Outgoing> each) {
    Outgoing next;
    while ((next = poll()) != null) {
      each.accept(next);
    }
  }
}
