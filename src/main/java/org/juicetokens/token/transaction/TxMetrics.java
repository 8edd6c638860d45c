package org.juicetokens.token.transaction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.StateCount;
import org.juicetokens.api.v1.CauseCount;
import org.juicetokens.api.v1.StateTime;
import org.juicetokens.api.v1.TransactionStats;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.token.transaction.proto.TxState;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transaction shell's figures (labels bounded: role, state, code, direction, message type, reason
 * class; never a tx or identity id): juice_tx_outcomes_total{role,state,code},
 * juice_tx_duration_seconds{role,outcome}, gauges juice_tx_active and juice_tx_in_doubt,
 * juice_tx_messages_total{direction,type,outcome}; and TX_STATS / the health data. Updated on the
 * verticle's event loop; the gauges and the health check read atomics.
 */
final class TxMetrics {
  static final int RECENT_EVENTS = 50;
  static final int DURATION_WINDOW = 1000;
  static final int MAX_TIMED_SIDES = 10_000;

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final AtomicLong active = new AtomicLong();
  private final AtomicLong inDoubt = new AtomicLong();
  private final AtomicLong oldestInDoubtSince = new AtomicLong();
  private final Map<TxState, Long> decided = new EnumMap<>(TxState.class);
  private final Map<TxState, Long> live = new EnumMap<>(TxState.class);
  private final Deque<TransferEvent> recent = new ArrayDeque<>();
  private final double[] durationsMs = new double[DURATION_WINDOW];
  private int durations;
  private final Map<String, Long> abortCauses = new TreeMap<>();
  /** Per state: {sum of ms spent in it, sides that left it}. */
  private final Map<TxState, long[]> stateTimes = new EnumMap<>(TxState.class);
  /** The last event of each live side ("role:txId"), to time the state it is in; bounded. */
  private final Map<String, TransferEvent> lastEvent = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, TransferEvent> eldest) {
      return size() > MAX_TIMED_SIDES;
    }
  };

  TxMetrics(MeterRegistry registry) {
    this.registry = registry;
    // every meter has a description: Prometheus HELP text (promtool check metrics flags its absence)
    Gauge.builder("juice.tx.active", active, AtomicLong::get).description("Exchange sides live on this node, not yet decided").register(registry);
    Gauge.builder("juice.tx.in.doubt", inDoubt, AtomicLong::get).description("Exchange sides IN_DOUBT on this node (voted, decision unknown)")
      .register(registry);
  }

  void outcome(TxRole role, TxState state, ErrorCode code, long nanos) {
    String codeName = code == null ? "OK" : code.name();
    counter("juice.tx.outcomes", "role", role.name(), "state", state.name(), "code", codeName).increment();
    String outcome = state == TxState.COMMITTED ? "committed" : state == TxState.IN_DOUBT ? "in_doubt" : "failed";
    if (state != TxState.IN_DOUBT && nanos > 0) {
      timers.computeIfAbsent(role.name() + outcome, k -> Timer.builder("juice.tx.duration").description("Exchange duration, start to decision, by role and outcome").tag("role", role.name()).tag("outcome", outcome)
        .register(registry)).record(Duration.ofNanos(nanos));
      if (role == TxRole.PAYER) {
        durationsMs[durations++ % DURATION_WINDOW] = nanos / 1e6;
      }
    }
    if (TxViews.isDecision(state)) {
      decided.merge(state, 1L, Long::sum);
    }
    if (state == TxState.ABORTED || state == TxState.FAILED) {
      abortCauses.merge(codeName, 1L, Long::sum);
    }
  }

  /**
   * A message sent or received. {@code outcome}: sent, unsent, accepted, or the class of an ignored
   * one (stale, unknown, refused).
   */
  void message(String direction, String type, String outcome) {
    counter("juice.tx.messages", "direction", direction, "type", type, "outcome", outcome).increment();
  }

  /** The live sides by state (not yet decided), and the oldest IN_DOUBT start (0: none). */
  void live(Map<TxState, Long> byState, long oldestInDoubtSinceMs) {
    live.clear();
    live.putAll(byState);
    long total = byState.values().stream().mapToLong(Long::longValue).sum();
    active.set(total);
    inDoubt.set(byState.getOrDefault(TxState.IN_DOUBT, 0L));
    oldestInDoubtSince.set(oldestInDoubtSinceMs);
  }

  void event(TransferEvent event) {
    String side = event.getRole() + ":" + event.getTxId();
    TransferEvent previous = event.getFinal() ? lastEvent.remove(side) : lastEvent.put(side, event);
    if (previous != null && previous.getState() != event.getState()) {
      long[] time = stateTimes.computeIfAbsent(previous.getState(), k -> new long[2]);
      time[0] += Math.max(0, event.getAtMs() - previous.getAtMs());
      time[1]++;
    }
    recent.addLast(event);
    while (recent.size() > RECENT_EVENTS) {
      recent.removeFirst();
    }
  }

  long oldestInDoubtMs(long nowMs) {
    long since = oldestInDoubtSince.get();
    return since == 0 ? 0 : Math.max(0, nowMs - since);
  }

  JsonObject health(long nowMs) {
    return new JsonObject().put("active", active.get()).put("inDoubt", inDoubt.get()).put("oldestInDoubtMs", oldestInDoubtMs(nowMs));
  }

  TransactionStats stats(long nowMs) {
    Map<TxState, Long> all = new HashMap<>(live);
    decided.forEach((s, n) -> all.merge(s, n, Long::sum));
    TransactionStats.Builder stats = TransactionStats.newBuilder()
      .setInDoubt(inDoubt.get()).setActive(active.get())
      .setCommittedTotal(decided.getOrDefault(TxState.COMMITTED, 0L))
      .setAbortedTotal(decided.getOrDefault(TxState.ABORTED, 0L))
      .setFailedTotal(decided.getOrDefault(TxState.FAILED, 0L))
      .setOldestInDoubtMs(oldestInDoubtMs(nowMs))
      .addAllRecent(recent);
    abortCauses.forEach((code, count) -> stats.addAbortCauses(CauseCount.newBuilder().setCode(code).setCount(count)));
    stateTimes.forEach((state, time) -> stats.addTimeInState(StateTime.newBuilder().setState(state).setCount(time[1])
      .setMeanMs(time[1] == 0 ? 0 : (double) time[0] / time[1])));
    all.entrySet().stream().sorted(Map.Entry.comparingByKey())
      .forEach(e -> stats.addByState(StateCount.newBuilder().setState(e.getKey()).setCount(e.getValue())));
    int n = Math.min(durations, DURATION_WINDOW);
    if (n > 0) {
      double[] sorted = Arrays.copyOf(durationsMs, n);
      Arrays.sort(sorted);
      // nearest rank: the smallest duration at or above the given share of the window
      stats.setP50Ms(sorted[(int) Math.ceil(0.50 * n) - 1]).setP99Ms(sorted[(int) Math.ceil(0.99 * n) - 1]);
    }
    return stats.build();
  }

  private static final Map<String, String> DESCRIPTIONS = Map.of(
    "juice.tx.outcomes", "Exchange sides decided or left in doubt, by role, state and error code",
    "juice.tx.messages", "Exchange messages by direction, type and outcome");

  private Counter counter(String name, String... tags) {
    return counters.computeIfAbsent(name + String.join("|", tags), k -> Counter.builder(name).description(DESCRIPTIONS.get(name)).tags(tags)
      .register(registry));
  }
}
