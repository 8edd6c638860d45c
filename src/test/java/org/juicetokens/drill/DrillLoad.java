package org.juicetokens.drill;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Transfers through the HTTP/JSON API as users make them: each caller owns a pair of identities
 * (homed on two nodes, or one) holding 10-unit tokens and pays 10 units back and forth, one
 * transfer in flight, each POSTed to the payer's home node with a fresh tx id. Every attempt is
 * kept with its outcome: COMMITTED, an answered refusal or abort (its error code), or no answer
 * (the node was down, or the call timed out: the outcome is then for the audit to check).
 */
final class DrillLoad {
  static final long AMOUNT = 1_000;
  static final int TOKENS = 20;

  record Pair(String a, int aNode, String b, int bNode) {
  }

  /** One transfer attempt: when it started (ms since the load began), how it ended and how long it took. */
  record Attempt(long startMs, String outcome, long latencyNanos, int payerNode, int payeeNode, String message) {
    boolean committed() {
      return outcome.equals("COMMITTED");
    }

    boolean unanswered() {
      return outcome.startsWith("NO_ANSWER");
    }
  }

  private final DrillCluster cluster;
  private final long origin = System.nanoTime();
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();

  DrillLoad(DrillCluster cluster) {
    this.cluster = cluster;
  }

  /** Creates a pair: identity a on node aNode, b on bNode, each minted {@link #TOKENS} tokens of 10. */
  Pair pair(String label, int aNode, int bNode) throws Exception {
    String a = identity(aNode, label + "-a");
    String b = identity(bNode, label + "-b");
    mint(aNode, a, label + "a");
    mint(bNode, b, label + "b");
    return new Pair(a, aNode, b, bNode);
  }

  private String identity(int node, String name) throws Exception {
    return DrillHttp.ok(cluster.http(node), "POST", "/api/v1/identities", new JsonObject().put("displayName", name)).getString("id");
  }

  private void mint(int node, String owner, String reference) throws Exception {
    DrillHttp.ok(cluster.http(node), "POST", "/api/v1/tokens:mint", new JsonObject().put("issuerId", owner).put("ownerId", owner)
      .put("reference", reference).put("denomination", 10).put("count", TOKENS));
  }

  long balance(String identity, int node) throws Exception {
    return Long.parseLong(DrillHttp.ok(cluster.http(node), "GET", "/api/v1/identities/" + identity + "/balance", null)
      .getString("amountHundredths", "0"));
  }

  /** The pairs' total balance, each identity asked of its home node. */
  long total(List<Pair> pairs) throws Exception {
    long sum = 0;
    for (Pair p : pairs) {
      sum += balance(p.a, p.aNode) + balance(p.b, p.bNode);
    }
    return sum;
  }

  /** One transfer from the payer to the payee; the attempt recorded. */
  Attempt transfer(String from, int fromNode, String to, int toNode) {
    JsonObject body = new JsonObject().put("fromId", from).put("toId", to).put("amountHundredths", String.valueOf(AMOUNT))
      .put("txId", "drill-" + UUID.randomUUID());
    long start = System.nanoTime();
    String outcome;
    String message = "";
    try {
      DrillHttp.Answer answer = DrillHttp.call(cluster.http(fromNode), "POST", "/api/v1/transfers", body, Duration.ofSeconds(75));
      if (answer.ok()) {
        outcome = answer.body().getString("state", "UNKNOWN");
        message = answer.body().getString("errorMessage", "");
      } else {
        outcome = answer.body().getString("code", "HTTP_" + answer.status());
        message = answer.body().getString("message", answer.body().encode());
      }
    } catch (java.net.http.HttpTimeoutException e) {
      outcome = "NO_ANSWER_TIMEOUT";
      message = e.toString();
    } catch (java.io.IOException e) {
      outcome = "NO_ANSWER_UNREACHABLE";
      message = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "NO_ANSWER_INTERRUPTED";
    }
    Attempt attempt = new Attempt(TimeUnit.NANOSECONDS.toMillis(start - origin), outcome, System.nanoTime() - start, fromNode, toNode,
      "n" + fromNode + "->n" + toNode + ": " + message.substring(0, Math.min(200, message.length())));
    attempts.add(attempt);
    return attempt;
  }

  /**
   * One caller per pair, each paying back and forth until {@code running} turns false (checked
   * before each transfer); the direction flips after a commit. A caller whose payer's node does not
   * answer waits 200 ms before trying again.
   */
  void run(List<Pair> pairs, BooleanSupplier running) throws InterruptedException {
    List<Thread> callers = new ArrayList<>();
    for (Pair p : pairs) {
      Thread t = new Thread(() -> {
        boolean forward = true;
        while (running.getAsBoolean()) {
          Attempt a = forward ? transfer(p.a, p.aNode, p.b, p.bNode) : transfer(p.b, p.bNode, p.a, p.aNode);
          if (a.committed()) {
            forward = !forward;
          } else if (a.unanswered()) {
            try {
              TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      }, "drill-caller");
      t.setDaemon(true);
      callers.add(t);
      t.start();
    }
    for (Thread t : callers) {
      t.join(TimeUnit.SECONDS.toMillis(180));
    }
  }

  /** Runs the callers for {@code duration}. */
  void runFor(List<Pair> pairs, Duration duration) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    run(pairs, () -> System.nanoTime() < end);
  }

  long elapsedMs() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin);
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }
}
