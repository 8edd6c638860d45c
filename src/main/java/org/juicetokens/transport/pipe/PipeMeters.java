package org.juicetokens.transport.pipe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's pipe meters (labels bounded: direction only, never a pipe or peer id):
 * {@code juice_pipe_connected} (gauge), {@code juice_pipe_messages_total{direction}},
 * {@code juice_pipe_bytes_total{direction}}, {@code juice_pipe_reconnect_attempts_total},
 * {@code juice_pipe_reconnect_successes_total}, {@code juice_pipe_rtt_seconds}.
 */
final class PipeMeters implements PipeCounters.Sink {
  private final AtomicInteger connected = new AtomicInteger();
  private final Counter messagesSent;
  private final Counter messagesReceived;
  private final Counter bytesSent;
  private final Counter bytesReceived;
  private final Counter reconnectAttempts;
  private final Counter reconnectSuccesses;
  private final Timer roundTrip;

  PipeMeters(MeterRegistry registry) {
    Gauge.builder("juice.pipe.connected", connected, AtomicInteger::get).description("Pipes with a connection").register(registry);
    messagesSent = Counter.builder("juice.pipe.messages").description("Pipe messages").tag("direction", "sent").register(registry);
    messagesReceived = Counter.builder("juice.pipe.messages").description("Pipe messages").tag("direction", "received").register(registry);
    bytesSent = Counter.builder("juice.pipe.bytes").description("Pipe message bytes").tag("direction", "sent").register(registry);
    bytesReceived = Counter.builder("juice.pipe.bytes").description("Pipe message bytes").tag("direction", "received").register(registry);
    reconnectAttempts = Counter.builder("juice.pipe.reconnect.attempts").description("Reconnection attempts of outbound pipes").register(registry);
    reconnectSuccesses = Counter.builder("juice.pipe.reconnect.successes").description("Reconnections that succeeded").register(registry);
    roundTrip = Timer.builder("juice.pipe.rtt").description("Pipe round trip, message to acknowledgement").register(registry);
  }

  @Override
  public void sent(int bytes) {
    messagesSent.increment();
    bytesSent.increment(bytes);
  }

  @Override
  public void received(int bytes) {
    messagesReceived.increment();
    bytesReceived.increment(bytes);
  }

  @Override
  public void roundTrip(long nanos) {
    roundTrip.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void reconnectAttempt() {
    reconnectAttempts.increment();
  }

  @Override
  public void reconnected() {
    reconnectSuccesses.increment();
  }

  void connected(int open) {
    connected.set(open);
  }
}
