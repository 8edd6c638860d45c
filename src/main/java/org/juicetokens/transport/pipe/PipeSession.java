package org.juicetokens.transport.pipe;

import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.MessageFrame;
import org.juicetokens.transport.framing.proto.TransportError;
import org.juicetokens.transport.framing.proto.TransportErrorCode;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reliable half of a pipe, without any I/O: one session outlives the connections it is
 * attached to one after the other.
 * <ul>
 *   <li>Every outgoing message gets the next sequence number (its chunks share it); every frame
 *       written carries the highest in-order sequence received so far ({@code ack}).</li>
 *   <li>At most {@code maxInFlight} messages are unacknowledged; the rest wait in the bounded
 *       {@link Outbox}, and so does everything while no connection is attached or while the
 *       connection's write queue is full.</li>
 *   <li>A message unacknowledged for {@code retransmitMs} is re-sent, at most
 *       {@code maxRetransmits} times; then the session fails with TIMEOUT.</li>
 *   <li>Received messages are accepted exactly once and in order: a sequence already seen is a
 *       duplicate (dropped, acknowledged again), a gap is a PROTOCOL_ERROR.</li>
 *   <li>On {@link #attach} (a new or resumed connection) everything the peer has not received
 *       (its {@code last_received_sequence}) is written again, in order.</li>
 * </ul>
 * Times are {@code System.nanoTime()}-like values passed in by the caller; one thread only.
 */
public final class PipeSession {
  /** What a received frame means for the application. */
  public enum Receipt { DELIVER, PARTIAL, DUPLICATE, CONTROL }

  private static final long NS = TimeUnit.MILLISECONDS.toNanos(1);

  private final PipeLimits limits;
  private final FrameEncoder encoder;
  private final PipeCounters counters;
  private final Outbox outbox;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final MessageFrame ackTemplate;
  private final MessageFrame heartbeatTemplate;

  private Link link;
  private long nextSequence = 1;
  private long lastReceived;
  private int receivedSinceAck;
  private long ackOwedSinceNanos;
  private long lastWriteNanos;
  private long lastHeardNanos;

  private static final class InFlight {
    final long sequence;
    final Outgoing message;
    final long firstSentNanos;
    long lastSentNanos;
    int retransmits;

    InFlight(long sequence, Outgoing message, long nowNanos) {
      this.sequence = sequence;
      this.message = message;
      this.firstSentNanos = nowNanos;
      this.lastSentNanos = nowNanos;
    }
  }

  public PipeSession(PipeLimits limits, FrameEncoder encoder, PipeCounters counters, long nowNanos) {
    this.limits = limits;
    this.encoder = encoder;
    this.counters = counters;
    this.outbox = new Outbox(limits.outboxMessages(), limits.outboxBytes());
    this.ackTemplate = single(encoder.encode(FrameType.ACK, "ack", new byte[0]));
    this.heartbeatTemplate = single(encoder.encode(FrameType.HEARTBEAT, "heartbeat", new byte[0]));
    this.lastHeardNanos = nowNanos;
    this.lastWriteNanos = nowNanos;
  }

  private static MessageFrame single(List<MessageFrame> frames) {
    return frames.get(0);
  }

  /** Encodes and queues a message; false (nothing queued) when the outbox is full. Encoding failures propagate. */
  public boolean offer(String messageType, byte[] message, java.util.function.Consumer<TransportError> done, long nowNanos) {
    Outgoing outgoing = Outgoing.of(messageType, encoder.encode(FrameType.DATA, messageType, message), message.length, done);
    if (!outbox.offer(outgoing)) {
      return false;
    }
    flush(nowNanos);
    return true;
  }

  /**
   * A connection is (re)established and the peer has everything up to {@code peerLastReceived}:
   * forget what it acknowledged that way, write the rest again in order, then what waits.
   */
  public TransportError attach(Link newLink, long peerLastReceived, long nowNanos) {
    this.link = newLink;
    this.lastHeardNanos = nowNanos;
    // replay before anything new: acknowledge without moving the outbox yet
    TransportError error = acknowledge(peerLastReceived, nowNanos, false);
    if (error != null) {
      return error;
    }
    for (InFlight f : inFlight) {
      writeMessage(f, nowNanos);
      f.lastSentNanos = nowNanos;
    }
    flush(nowNanos);
    return null;
  }

  /** The connection is gone; messages wait (bounded) for the next one. */
  public void detach() {
    link = null;
  }

  public boolean attached() {
    return link != null;
  }

  /**
   * Accounts for a received frame ({@code complete}: the decoder finished a message with it).
   * Returns what to do with it, or throws nothing: a gap or a bogus ack comes back as an error.
   */
  public Result receive(MessageFrame frame, boolean complete, long nowNanos) {
    lastHeardNanos = nowNanos;
    TransportError ackError = acknowledge(frame.getAck(), nowNanos, true);
    if (ackError != null) {
      return Result.failed(ackError);
    }
    if (frame.getFrameType() != FrameType.DATA) {
      return Result.of(Receipt.CONTROL);
    }
    long sequence = frame.getSequence();
    if (sequence <= lastReceived) {
      // a re-sent message we already have: our ack was late or lost, repeat it soon
      oweAck(nowNanos);
      return Result.of(Receipt.DUPLICATE);
    }
    if (sequence != lastReceived + 1) {
      return Result.failed(error(TransportErrorCode.PROTOCOL_ERROR, "sequence gap",
        "expected " + (lastReceived + 1) + ", got " + sequence));
    }
    if (!complete) {
      return Result.of(Receipt.PARTIAL);
    }
    lastReceived = sequence;
    oweAck(nowNanos);
    if (receivedSinceAck >= limits.ackEvery()) {
      writeAck(nowNanos);
    }
    return Result.of(Receipt.DELIVER);
  }

  /** The outcome of {@link #receive}: a receipt, or the error that must close the pipe. */
  public record Result(Receipt receipt, TransportError error) {
    static Result of(Receipt receipt) {
      return new Result(receipt, null);
    }

    static Result failed(TransportError error) {
      return new Result(null, error);
    }
  }

  /**
   * Timers, called often (every {@code ackDelayMs}): delayed ack, heartbeat, retransmission.
   * Returns TIMEOUT when a message went unacknowledged through all its re-sends.
   */
  public TransportError tick(long nowNanos) {
    InFlight oldest = inFlight.peekFirst();
    if (link != null && oldest != null && nowNanos - oldest.lastSentNanos >= limits.retransmitMs() * NS) {
      if (oldest.retransmits >= limits.maxRetransmits()) {
        return error(TransportErrorCode.TIMEOUT, "unacknowledged",
          "message " + oldest.sequence + " not acknowledged after " + oldest.retransmits + " re-sends");
      }
      if (!link.writeQueueFull()) {
        for (InFlight f : inFlight) {
          if (nowNanos - f.lastSentNanos >= limits.retransmitMs() * NS) {
            f.retransmits++;
            f.lastSentNanos = nowNanos;
            counters.retransmissions++;
            writeMessage(f, nowNanos);
          }
        }
      }
    }
    if (receivedSinceAck > 0 && nowNanos - ackOwedSinceNanos >= limits.ackDelayMs() * NS) {
      writeAck(nowNanos);
    }
    if (link != null && nowNanos - lastWriteNanos >= limits.heartbeatMs() * NS && !link.writeQueueFull()) {
      write(heartbeatTemplate, nowNanos);
    }
    return null;
  }

  /** True when the attached connection heard nothing for {@code idleMs}. */
  public boolean idle(long nowNanos) {
    return link != null && nowNanos - lastHeardNanos >= limits.idleMs() * NS;
  }

  /** Moves waiting messages onto the connection while it, and the window, have room. */
  public void flush(long nowNanos) {
    while (link != null && !link.writeQueueFull() && inFlight.size() < limits.maxInFlight() && !outbox.isEmpty()) {
      InFlight f = new InFlight(nextSequence++, outbox.poll(), nowNanos);
      inFlight.addLast(f);
      counters.sent(f.message.messageBytes());
      writeMessage(f, nowNanos);
    }
  }

  /** Gives up every message (sent or waiting) with {@code error}; the session is unusable afterwards. */
  public void fail(TransportError error) {
    inFlight.forEach(f -> f.message.done().accept(error));
    inFlight.clear();
    outbox.drainTo(m -> m.done().accept(error));
    link = null;
  }

  /**
   * The peer lost this session (it answered a resumption with a new one): messages it may or
   * may not have received are reported lost with {@code error}, numbering starts again, and
   * the messages that never left stay queued for the new session. Returns how many were lost.
   */
  public int restart(TransportError error) {
    int lost = inFlight.size();
    inFlight.forEach(f -> f.message.done().accept(error));
    inFlight.clear();
    counters.lost += lost;
    nextSequence = 1;
    lastReceived = 0;
    receivedSinceAck = 0;
    return lost;
  }

  public long lastReceived() {
    return lastReceived;
  }

  public int inFlight() {
    return inFlight.size();
  }

  public Outbox outbox() {
    return outbox;
  }

  private TransportError acknowledge(long ack, long nowNanos, boolean flushAfter) {
    if (ack >= nextSequence) {
      return error(TransportErrorCode.PROTOCOL_ERROR, "acknowledgement of an unsent message",
        "ack " + ack + ", last sent " + (nextSequence - 1));
    }
    boolean released = false;
    while (!inFlight.isEmpty() && inFlight.peekFirst().sequence <= ack) {
      InFlight f = inFlight.pollFirst();
      if (f.retransmits == 0) {
        counters.roundTrip(nowNanos - f.firstSentNanos);
      }
      f.message.done().accept(null);
      released = true;
    }
    if (released && flushAfter) {
      flush(nowNanos);
    }
    return null;
  }

  private void oweAck(long nowNanos) {
    if (receivedSinceAck == 0) {
      ackOwedSinceNanos = nowNanos;
    }
    receivedSinceAck++;
  }

  private void writeAck(long nowNanos) {
    if (link != null && !link.writeQueueFull()) {
      write(ackTemplate, nowNanos);
    }
  }

  private void writeMessage(InFlight f, long nowNanos) {
    for (MessageFrame frame : f.message.frames()) {
      write(frame.toBuilder().setSequence(f.sequence).build(), nowNanos);
    }
  }

  /** Every frame carries the current cumulative ack, which settles what was owed. */
  private void write(MessageFrame frame, long nowNanos) {
    link.write(frame.getAck() == lastReceived ? frame : frame.toBuilder().setAck(lastReceived).build());
    lastWriteNanos = nowNanos;
    receivedSinceAck = 0;
  }

  static TransportError error(TransportErrorCode code, String reason, String detail) {
    return TransportError.newBuilder().setCode(code).setReason(reason).setDetail(detail).build();
  }
}
