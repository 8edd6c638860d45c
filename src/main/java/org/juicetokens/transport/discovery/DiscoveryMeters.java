package org.juicetokens.transport.discovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.DiscoveryStats;
import org.juicetokens.transport.discovery.proto.MethodCount;
import org.juicetokens.transport.discovery.proto.RejectionCount;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discovery's meters, all with bounded labels: {@code juice_discovery_peers_active},
 * {@code juice_discovery_duration_seconds{method,outcome}} (method CLUSTER|DNS|STATIC|ALL,
 * outcome ok|partial|error), {@code juice_discovery_peers_found{method}} (latest round) and
 * {@code juice_discovery_rejected_total{reason}}; plus the round counts the admin console shows.
 * Values are written by the verticle and read by scrapes, hence atomics.
 */
final class DiscoveryMeters implements AutoCloseable {
  static final String ACTIVE = "juice.discovery.peers.active";
  static final String DURATION = "juice.discovery.duration";
  static final String FOUND = "juice.discovery.peers.found";
  static final String REJECTED = "juice.discovery.rejected";
  static final List<DiscoveryMethod> METHODS = List.of(DiscoveryMethod.CLUSTER, DiscoveryMethod.DNS, DiscoveryMethod.STATIC);

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final AtomicInteger active = new AtomicInteger();
  private final Map<DiscoveryMethod, AtomicInteger> found = new EnumMap<>(DiscoveryMethod.class);
  private final Map<String, Counter> rejected = new LinkedHashMap<>();
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicLong successfulRounds = new AtomicLong();
  private final AtomicLong totalNanos = new AtomicLong();
  private final AtomicLong lastNanos = new AtomicLong();

  DiscoveryMeters(MeterRegistry registry) {
    this.registry = registry;
    meters.add(Gauge.builder(ACTIVE, active, AtomicInteger::get).description("Peers in this node's peer table").register(registry));
    for (DiscoveryMethod m : METHODS) {
      AtomicInteger count = new AtomicInteger();
      found.put(m, count);
      meters.add(Gauge.builder(FOUND, count, AtomicInteger::get).description("Peers the latest discovery round found, per method")
        .tag("method", m.name()).register(registry));
    }
    for (String reason : Rejections.ALL) {
      Counter counter = Counter.builder(REJECTED).description("Peer advertisements refused, by reason").tag("reason", reason)
        .register(registry);
      rejected.put(reason, counter);
      meters.add(counter);
    }
  }

  void rejected(String reason) {
    rejected.get(reason).increment();
  }

  /** One discovery: its duration by method and outcome; rounds and success rate count every call. */
  void discovery(DiscoveryMethod asked, String outcome, long nanos) {
    String method = asked == DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED ? "ALL" : asked.name();
    Timer timer = Timer.builder(DURATION).description("Duration of discovery rounds").tags("method", method, "outcome", outcome)
      .register(registry);
    timer.record(nanos, TimeUnit.NANOSECONDS);
    rounds.incrementAndGet();
    if ("ok".equals(outcome)) {
      successfulRounds.incrementAndGet();
    }
    totalNanos.addAndGet(nanos);
    lastNanos.set(nanos);
  }

  void table(PeerTable table) {
    active.set(table.size());
    table.foundByMethod().forEach((m, n) -> {
      AtomicInteger count = found.get(m);
      if (count != null) {
        count.set(n);
      }
    });
  }

  DiscoveryStats.Builder stats() {
    DiscoveryStats.Builder stats = DiscoveryStats.newBuilder()
      .setRounds(rounds.get())
      .setSuccessfulRounds(successfulRounds.get())
      .setLastDurationMs(lastNanos.get() / 1e6)
      .setMeanDurationMs(rounds.get() == 0 ? 0 : totalNanos.get() / 1e6 / rounds.get());
    found.forEach((m, n) -> stats.addByMethod(MethodCount.newBuilder().setMethod(m).setPeers(n.get())));
    rejected.forEach((reason, c) -> stats.addRejected(RejectionCount.newBuilder().setReason(reason).setCount((long) c.count())));
    return stats;
  }

  @Override
  public void close() {
    meters.forEach(registry::remove);
  }
}
