package org.juicetokens.transport.pipe;

import org.juicetokens.transport.pipe.proto.PipeStats;

/**
 * The figures of one pipe, owned by the pipe's event loop (no locking): messages and bytes
 * each way, errors, reconnections, retransmissions, messages reported lost, and the round-trip
 * time smoothed like TCP's SRTT (7/8 old + 1/8 new).
 */
public final class PipeCounters {
  long messagesSent;
  long messagesReceived;
  long bytesSent;
  long bytesReceived;
  long errors;
  long reconnects;
  long reconnectAttempts;
  long retransmissions;
  long lost;
  private double roundTripMs = -1;
  private final Sink sink;

  /** Where the node-wide meters learn of the same events (bounded labels: no pipe id). */
  public interface Sink {
    Sink NOOP = new Sink() {
    };

    default void sent(int bytes) {
    }

    default void received(int bytes) {
    }

    default void roundTrip(long nanos) {
    }

    default void reconnectAttempt() {
    }

    default void reconnected() {
    }
  }

  public PipeCounters(Sink sink) {
    this.sink = sink;
  }

  void sent(int bytes) {
    messagesSent++;
    bytesSent += bytes;
    sink.sent(bytes);
  }

  void received(int bytes) {
    messagesReceived++;
    bytesReceived += bytes;
    sink.received(bytes);
  }

  void reconnectAttempt() {
    reconnectAttempts++;
    sink.reconnectAttempt();
  }

  void reconnected() {
    reconnects++;
    sink.reconnected();
  }

  void roundTrip(long nanos) {
    double ms = nanos / 1e6;
    roundTripMs = roundTripMs < 0 ? ms : roundTripMs * 7 / 8 + ms / 8;
    sink.roundTrip(nanos);
  }

  public double roundTripMs() {
    return Math.max(0, roundTripMs);
  }

  public long messagesSent() {
    return messagesSent;
  }

  public long messagesReceived() {
    return messagesReceived;
  }

  public long lost() {
    return lost;
  }

  public long retransmissions() {
    return retransmissions;
  }

  public PipeStats toProto(long uptimeMs, int inFlight, int outbox, int outboxHighWater) {
    return PipeStats.newBuilder()
      .setMessagesSent(messagesSent).setMessagesReceived(messagesReceived)
      .setBytesSent(bytesSent).setBytesReceived(bytesReceived)
      .setErrors(errors).setReconnects(reconnects).setReconnectAttempts(reconnectAttempts)
      .setRoundTripMs(roundTripMs()).setUptimeMs(uptimeMs).setRetransmissions(retransmissions)
      .setInFlight(inFlight).setOutbox(outbox).setLost(lost).setOutboxHighWater(outboxHighWater)
      .build();
  }
}
