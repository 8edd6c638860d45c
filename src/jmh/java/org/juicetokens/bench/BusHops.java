package org.juicetokens.bench;

import io.vertx.core.eventbus.DeliveryContext;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.node.JuiceNode;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the event-bus messages (requests, replies and publishes, on every member, by address) that
 * one 1-token mint and one 1-token transfer between two nodes cause, averaged over {@code ROUNDS}
 * after a warm-up: what a change to the mint or transfer path adds or removes, independent of timing.
 * Run (not a JMH benchmark): {@code java -cp target/juicetokens-node-fat.jar org.juicetokens.bench.BusHops}.
 */
public final class BusHops {
  private static final int ROUNDS = 20;
  private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
  private static volatile boolean counting;

  private BusHops() {
  }

  public static void main(String[] args) throws Exception {
    BenchCluster cluster = BenchCluster.start("bushops", Map.of("time.peerPollIntervalMs", "500"));
    try {
      cluster.awaitAdequateTime();
      JuiceNode n0 = cluster.node(0);
      JuiceNode n1 = cluster.node(1);
      String a = BenchCluster.identity(n0, "Hops A");
      String b = BenchCluster.identity(n1, "Hops B");
      BenchCluster.mint(n0, a, a, "hopsA", 10, 2 * ROUNDS + 10);
      for (JuiceNode n : cluster.nodes) {
        n.vertx().eventBus().addOutboundInterceptor(BusHops::count);
      }
      for (int i = 0; i < 5; i++) {
        BenchCluster.mint(n0, a, a, "hopsWarm", 10, 1);
        pay(n0, a, b);
      }
      Thread.sleep(500);
      counting = true;
      for (int i = 0; i < ROUNDS; i++) {
        BenchCluster.mint(n0, a, a, "hopsMint", 10, 1);
      }
      Thread.sleep(500);
      report("mint of 1 token (issuer and owner homed on n0), per call");
      counting = true;
      for (int i = 0; i < ROUNDS; i++) {
        pay(n0, a, b);
      }
      Thread.sleep(1000);
      report("transfer of 1 token n0 -> n1, per transfer");
    } finally {
      cluster.close();
    }
  }

  private static void pay(JuiceNode node, String from, String to) throws Exception {
    Transfer t = Bus.request(node.vertx().eventBus(), Addresses.TX_TRANSFER, TransferRequest.newBuilder().setFromId(from).setToId(to)
      .setAmountHundredths(1000).build(), BenchCluster.TIMEOUT_MS, Transfer.class).await(BenchCluster.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    if (!t.getState().name().equals("COMMITTED")) {
      throw new IllegalStateException("transfer " + t.getTxId() + " ended " + t.getState());
    }
  }

  private static <T> void count(DeliveryContext<T> context) {
    if (counting) {
      String address = context.message().address();
      String key = address.startsWith("__vertx.reply") ? "(replies)" : address.replaceAll("^jt\\.node\\.[^.]+\\.", "jt.node.<n>.");
      COUNTS.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
    context.next();
  }

  private static void report(String what) {
    counting = false;
    Map<String, Long> sorted = new TreeMap<>();
    COUNTS.forEach((k, v) -> sorted.put(k, v.sum()));
    COUNTS.clear();
    long total = sorted.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("%n== %s: %.1f bus messages%n", what, (double) total / ROUNDS);
    sorted.forEach((k, v) -> System.out.printf("  %6.2f  %s%n", (double) v / ROUNDS, k));
  }
}
