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
  private final java.util.function.LongConsumer rttSink;

  public PipeCounters(java.util.function.LongConsumer rttNanosSink) {
    this.rttSink = rttNanosSink;
  }

  void roundTrip(long nanos) {
    double ms = nanos / 1e6;
    roundTripMs = roundTripMs < 0 ? ms : roundTripMs * 7 / 8 + ms / 8;
    rttSink.accept(nanos);
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
