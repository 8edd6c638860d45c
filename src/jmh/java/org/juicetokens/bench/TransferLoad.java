package org.juicetokens.bench;

import io.vertx.core.json.JsonObject;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.storage.LocalStore;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.StoreLimits;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives committed 1-token transfers through the HTTP/JSON API of a running cluster (started by
 * {@code bench/transfer-figures.sh}: one process per node) and reports throughput and latency
 * percentiles, next to the CPU-bound limit measured in this same run on this machine: Ed25519
 * sign and verify (BouncyCastle, as the nodes use it) and a synced 2 KiB RocksDB write, combined
 * per transfer as the exchange needs them.
 * <p>
 * Usage: {@code java -cp <fat jar> org.juicetokens.bench.TransferLoad <http ports comma-separated>
 * <concurrency> <seconds>}. Each caller owns a pair of identities on two different nodes and pays
 * one 10-unit token back and forth (exact payments), one transfer in flight.
 */
public final class TransferLoad {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final int TOKENS = 40;
  /** Per 1-token exact transfer: the link and the commit certificate. */
  private static final int SIGNS = 2;
  /** Per transfer: the certificate on both sides, the incoming telomere (genesis + up to 10 links), the link check. */
  private static final int VERIFIES_MIN = 4;
  private static final int VERIFIES_MAX = 14;
  /** PREPARED and COMMITTED on each side. */
  private static final int SYNCED_WRITES = 4;

  private TransferLoad() {
  }

  public static void main(String[] args) throws Exception {
    int[] ports = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
    int concurrency = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    List<String[]> pairs = new ArrayList<>();
    for (int p = 0; p < concurrency; p++) {
      int home = ports[p % ports.length];
      int other = ports[(p + 1) % ports.length];
      String a = create(home, "load A" + p);
      String b = create(other, "load B" + p);
      mint(home, a, "a" + p);
      mint(other, b, "b" + p);
      pairs.add(new String[] {a, b, String.valueOf(home)});
      System.out.printf("pair %d ready (%s on :%d, %s on :%d)%n", p, a, home, b, other);
    }

    long[][] latencies = new long[concurrency][];
    Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> callers = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      int caller = c;
      Thread t = new Thread(() -> latencies[caller] = drive(pairs.get(caller), ports, end, failures), "caller-" + c);
      callers.add(t);
      t.start();
    }
    for (Thread t : callers) {
      t.join();
    }
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    double perSecond = all.length / (double) seconds;

    Bound bound = Bound.measure();
    double cpuMinMs = (SIGNS * bound.signUs + VERIFIES_MIN * bound.verifyUs) / 1000;
    double cpuMaxMs = (SIGNS * bound.signUs + VERIFIES_MAX * bound.verifyUs) / 1000;
    // two cores share the CPU work; the synced writes are on the critical path, two per node in turn
    double boundPerSecond = 2 * 1000 / cpuMaxMs;
    double floorMs = cpuMinMs + SYNCED_WRITES * bound.syncedWriteUs / 1000;

    JsonObject report = new JsonObject()
      .put("nodes", ports.length).put("concurrency", concurrency).put("seconds", seconds)
      .put("committed", all.length).put("committedPerSecond", round(perSecond))
      .put("p50Ms", ms(all, 0.50)).put("p95Ms", ms(all, 0.95)).put("p99Ms", ms(all, 0.99)).put("maxMs", ms(all, 1.0))
      .put("failures", new JsonObject(new TreeMap<>(failures).entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue().get()))))
      .put("ed25519SignUs", round(bound.signUs)).put("ed25519VerifyUs", round(bound.verifyUs))
      .put("syncedWriteUs", round(bound.syncedWriteUs))
      .put("cpuBoundTransfersPerSecond", round(boundPerSecond)).put("latencyFloorMs", round(floorMs))
      .put("throughputShareOfBound", round(perSecond / boundPerSecond))
      .put("p50OverFloor", round(ms(all, 0.50) / floorMs));
    System.out.printf("%ncommitted %d transfers in %d s with %d callers: %.1f/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, "
        + "max %.1f ms; failures %s%n", all.length, seconds, concurrency, perSecond, ms(all, 0.5), ms(all, 0.95), ms(all, 0.99),
      ms(all, 1.0), failures);
    System.out.printf("bound in this run: sign %.0f us, verify %.0f us, synced write %.0f us -> CPU %.2f-%.2f ms per transfer, "
        + "<= %.0f transfers/s on 2 cores, latency floor %.1f ms; measured = %.1f%% of the bound, p50 = %.1fx the floor%n",
      bound.signUs, bound.verifyUs, bound.syncedWriteUs, cpuMinMs, cpuMaxMs, boundPerSecond, floorMs, 100 * perSecond / boundPerSecond,
      ms(all, 0.5) / floorMs);
    System.out.println("JSON " + report.encode());
  }

  private static long[] drive(String[] pair, int[] ports, long end, Map<String, AtomicLong> failures) {
    List<Long> took = new ArrayList<>();
    boolean forward = true;
    int via = Integer.parseInt(pair[2]);
    while (System.nanoTime() < end) {
      JsonObject body = new JsonObject().put("fromId", forward ? pair[0] : pair[1]).put("toId", forward ? pair[1] : pair[0])
        .put("amountHundredths", 1_000);
      long start = System.nanoTime();
      try {
        HttpResponse<String> response = post(via, "/api/v1/transfers", body);
        JsonObject answer = new JsonObject(response.body());
        if (response.statusCode() == 200 && "COMMITTED".equals(answer.getString("state"))) {
          took.add(System.nanoTime() - start);
          forward = !forward;
        } else {
          failures.computeIfAbsent(answer.getString("code", answer.getString("state", "HTTP " + response.statusCode())),
            k -> new AtomicLong()).incrementAndGet();
        }
      } catch (Exception e) {
        failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
      }
    }
    return took.stream().mapToLong(Long::longValue).toArray();
  }

  private static String create(int port, String name) throws Exception {
    HttpResponse<String> r = post(port, "/api/v1/identities", new JsonObject().put("displayName", name));
    check(r);
    return new JsonObject(r.body()).getString("id");
  }

  private static void mint(int port, String owner, String reference) throws Exception {
    check(post(port, "/api/v1/tokens:mint", new JsonObject().put("issuerId", owner).put("ownerId", owner).put("reference", reference)
      .put("denomination", 10).put("count", TOKENS)));
  }

  private static void check(HttpResponse<String> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static HttpResponse<String> post(int port, String path, JsonObject body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
      HttpResponse.BodyHandlers.ofString());
  }

  private static double ms(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return round(sorted[Math.max(0, index)] / 1e6);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** The costs a transfer cannot avoid, measured here after a warm-up. */
  private record Bound(double signUs, double verifyUs, double syncedWriteUs) {
    static Bound measure() throws Exception {
      Ed25519.PrivateKey key = Ed25519.generate(new SecureRandom());
      byte[] publicKey = key.publicKey();
      byte[] data = new byte[160];
      new SecureRandom().nextBytes(data);
      byte[] signature = key.sign(data);
      for (int i = 0; i < 3_000; i++) {
        key.sign(data);
        Ed25519.verify(publicKey, data, signature);
      }
      int n = 3_000;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        key.sign(data);
      }
      double sign = (System.nanoTime() - t0) / 1e3 / n;
      t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Ed25519.verify(publicKey, data, signature);
      }
      double verify = (System.nanoTime() - t0) / 1e3 / n;
      Path dir = Files.createTempDirectory("transfer-load-store");
      try (LocalStore store = LocalStore.open(dir, new StoreLimits(1024, 16 << 20, 256, 10_000))) {
        byte[] value = new byte[2048];
        for (int i = 0; i < 50; i++) {
          store.put(StoreFamily.WAL, ByteBuffer.allocate(8).putLong(i).array(), value, true).join();
        }
        int writes = 500;
        t0 = System.nanoTime();
        for (int i = 0; i < writes; i++) {
          store.put(StoreFamily.WAL, ByteBuffer.allocate(8).putLong(1_000 + i).array(), value, true).join();
        }
        return new Bound(sign, verify, (System.nanoTime() - t0) / 1e3 / writes);
      } finally {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }
}
