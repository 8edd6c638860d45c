package org.juicetokens.foundation.time;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.time.proto.PeerTimePing;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The time layer of one node: owns the latest sample per source, polls NTP (on a worker pool)
 * and the peers, answers {@link Addresses#TIME_NOW} with a {@link TimeReading} and the peers'
 * pings with this node's clock. Rules live in {@link TimeConsensus}. Health "time" is always UP:
 * time quality gates transactions, not the node's liveness.
 */
public final class TimeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TimeVerticle.class);
  private static final String HEALTH = "time";

  private final NodeContext node;
  private final Clock clock;
  private final Map<String, TimeSample> samples = new HashMap<>();
  private final Map<String, Future<ClockOffset>> inFlight = new HashMap<>();
  private final List<Long> timers = new ArrayList<>();
  private TimeConsensus consensus;
  private SourceConfidence confidences;
  private long sourceWindowMs;
  private NtpSource ntp;
  private PeerTimeSource peers;
  private TimeMeters meters;
  private WorkerExecutor ntpWorkers;
  private boolean stopped;
  private volatile TimeReading latest;

  public TimeVerticle(NodeContext node) {
    this.node = node;
    this.clock = new SkewedClock(node.config().longValue(Settings.TIME_SKEW_MS));
  }

  @Override
  public Future<?> start() {
    NodeConfig config = node.config();
    List<NtpServer> servers;
    try {
      servers = NtpServer.parseAll(config.list(Settings.NTP_SERVERS));
      consensus = new TimeConsensus(TimeConsensus.Rules.from(config));
      confidences = SourceConfidence.from(config);
      ntp = new NtpSource(clock, config.integer(Settings.NTP_TIMEOUT_MS));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    sourceWindowMs = config.longValue(Settings.TIME_SOURCE_WINDOW_MS);
    peers = new PeerTimeSource(vertx.eventBus(), node.hazelcast(), node.nodeId(), clock, config.requestTimeoutMs());
    meters = new TimeMeters(node.registry());
    // NTP is blocking UDP (and DNS): never on the event loop. Two threads: servers are polled in parallel.
    ntpWorkers = vertx.createSharedWorkerExecutor("juice-time-ntp", 2);
    if (clock instanceof SkewedClock skewed && skewed.skewMs() != 0) {
      LOG.warn("[Time] [node: {}] local clock skewed by {} ms (time.skewMs)", node.nodeId(), skewed.skewMs());
    }

    MessageConsumer<TimeRequest> now = Bus.serveLocal(vertx.eventBus(), Addresses.TIME_NOW, TimeRequest.class,
      request -> node.instrumented().run(Layer.TIME, "now", "", () -> Future.succeededFuture(evaluate())));
    MessageConsumer<PeerTimePing> pong = Bus.serve(vertx.eventBus(), Addresses.node(node.nodeId(), Addresses.TIME_PING_SUFFIX),
      PeerTimePing.class, ping -> {
        long receivedMs = clock.nowMs();
        return node.instrumented().run(Layer.TIME, "peer.pong", "from=" + ping.getFromNode(),
          () -> Future.succeededFuture(peers.answer(ping, receivedMs)));
      });
    timers.add(vertx.setPeriodic(1, config.longValue(Settings.PEER_POLL_MS), t -> {
      peers.peerIds().forEach(peer -> measure(TimeSourceType.PEERS, peer, "peer.ping", () -> peers.measure(peer)));
      evaluate();
    }));
    if (!servers.isEmpty()) {
      timers.add(vertx.setPeriodic(1, config.longValue(Settings.NTP_POLL_MS), t -> servers.forEach(server ->
        measure(TimeSourceType.NTP, server.name(), "ntp.query", () -> ntpWorkers.executeBlocking(() -> ntp.query(server), false)))));
    }
    evaluate();
    node.health().register(HEALTH, promise -> promise.complete(TimeHealth.of(latest)));
    return Future.join(now.completion(), pong.completion());
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    node.health().unregister(HEALTH);
    meters.close();
    // let running NTP queries (bounded by time.ntpTimeoutMs) finish before their pool and event loop go away
    List<Future<ClockOffset>> running = inFlight.entrySet().stream()
      .filter(e -> e.getKey().startsWith(TimeSourceType.NTP.name())).map(Map.Entry::getValue).toList();
    return Future.join(running).transform(ignored -> ntpWorkers.close());
  }

  /** One measurement of one source, at most one in flight per source; the answer replaces its sample. */
  private void measure(TimeSourceType type, String name, String operation, Supplier<Future<ClockOffset>> work) {
    String key = TimeSample.key(type, name);
    if (inFlight.containsKey(key)) {
      return;
    }
    Future<ClockOffset> measurement = node.instrumented().run(Layer.TIME, operation, "source=" + name, work);
    inFlight.put(key, measurement);
    measurement.onComplete(result -> {
      inFlight.remove(key);
      if (stopped) {
        return;
      }
      if (result.succeeded()) {
        ClockOffset m = result.result();
        samples.put(key, new TimeSample(type, name, m.offsetMs(), m.roundTripMs(), confidences.of(type, m.roundTripMs()),
          clock.nowMs(), ""));
      } else {
        samples.computeIfPresent(key, (k, sample) -> sample.withError(String.valueOf(result.cause().getMessage())));
      }
      evaluate();
    });
  }

  /** The reading now; updates the meters and announces a status change (node-local). */
  private TimeReading evaluate() {
    long nowMs = clock.nowMs();
    // forget sources that aged out (peers that left), so the map stays as small as the cluster
    samples.values().removeIf(s -> Math.abs(nowMs - s.seenAtMs()) > sourceWindowMs);
    TimeSample system = new TimeSample(TimeSourceType.SYSTEM, "system", 0, 0, confidences.of(TimeSourceType.SYSTEM, 0), nowMs, "");
    samples.put(system.key(), system);
    TimeReading reading = consensus.evaluate(samples.values(), nowMs);
    meters.update(reading);
    TimeReading previous = latest;
    latest = reading;
    if (previous == null || previous.getStatus() != reading.getStatus()) {
      LOG.info("[Time] [node: {}] status {} -> {} (confidence {}): {}", node.nodeId(),
        previous == null ? "-" : previous.getStatus(), reading.getStatus(), reading.getConfidence(), reading.getReason());
      vertx.eventBus().publish(Addresses.TIME_STATUS, reading, new DeliveryOptions().setLocalOnly(true));
    }
    return reading;
  }
}
