package org.juicetokens.node.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.node.demo.DemoSeeder.Member;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The demo's steady load: a tick every 1/rate seconds picks an action of the {@link MixPlan} and
 * runs it on a small worker pool (a tick finding every worker busy is skipped and counted, so a
 * slow cluster is not buried under a queue). Transfers of one 10-unit token between seeded
 * identities (a payer chosen among those the demo believes can pay), attestations, egg batches of
 * the seeded pool, owner renewals of a held token; a committed transfer or an attestation then
 * fertilizes a dormant egg of the payer / the subject, which hatches a few seconds later (lifecycle.timeScale).
 */
final class DemoDriver {
  static final int WORKERS = 4;
  static final long AMOUNT = 1_000;
  /** transaction.minTokensAfterPayment (2): a payer keeps two tokens, so it needs three to pay one. */
  static final long PAYER_FLOOR = 3 * AMOUNT;
  private static final String[] TYPES = {"reliable", "skill", "character"};

  /** An egg the demo generated: its owner, and when (a proof of activity must be newer). */
  private record Egg(String id, Member owner, long generatedAtMs) {
  }

  private final DemoHttp http;
  private final DemoNodes nodes;
  private final List<Member> members;
  private final String poolId;
  private final MixPlan plan;
  private final DemoStats stats;
  private final PrintStream out;
  private final ConcurrentLinkedQueue<Egg> dormant = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Egg> fertilized = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "demo-ticker"));
  private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> daemon(r, "demo-worker"));
  private final Semaphore free = new Semaphore(WORKERS);
  private final long startedNanos = System.nanoTime();

  DemoDriver(DemoHttp http, DemoNodes nodes, DemoSeeder.Seeded seeded, MixPlan plan, DemoStats stats, PrintStream out) {
    this.http = http;
    this.nodes = nodes;
    this.members = seeded.members();
    this.poolId = seeded.poolId();
    this.plan = plan;
    this.stats = stats;
    this.out = out;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts ticking, and a status line every {@code statusSeconds}. */
  void start(int statusSeconds) {
    ticker.scheduleAtFixedRate(this::tick, 0, plan.periodNanos(), TimeUnit.NANOSECONDS);
    ticker.scheduleAtFixedRate(() -> out.println(stats.statusLine(elapsedSeconds())), statusSeconds, statusSeconds, TimeUnit.SECONDS);
  }

  long elapsedSeconds() {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
  }

  /** Stops ticking and waits up to {@code timeoutMs} for the calls in flight (a transfer answers within its own timeout). */
  void stop(long timeoutMs) throws InterruptedException {
    ticker.shutdownNow();
    workers.shutdown();
    if (!workers.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
      workers.shutdownNow();
    }
  }

  private void tick() {
    if (members.size() < 2) {
      return;
    }
    if (!free.tryAcquire()) {
      stats.skipped.incrementAndGet();
      return;
    }
    MixPlan.Action action = plan.pick(ThreadLocalRandom.current().nextDouble());
    try {
      workers.execute(() -> {
        try {
          run(action);
          stats.actions.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
          stats.error(action.name().toLowerCase() + ": " + e.getMessage());
        } finally {
          free.release();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      free.release(); // stopping
    }
  }

  private void run(MixPlan.Action action) throws IOException, InterruptedException {
    switch (action) {
      case TRANSFER -> transfer();
      case ATTEST -> attest();
      case EGG -> eggs();
      case RENEW -> renew();
    }
  }

  private Member other(Member not) {
    while (true) {
      Member m = members.get(ThreadLocalRandom.current().nextInt(members.size()));
      if (m != not) {
        return m;
      }
    }
  }

  private void transfer() throws IOException, InterruptedException {
    List<Member> payers = new ArrayList<>();
    for (Member m : members) {
      if (m.hundredths().get() >= PAYER_FLOOR) {
        payers.add(m);
      }
    }
    if (payers.isEmpty()) {
      return;
    }
    Member from = payers.get(ThreadLocalRandom.current().nextInt(payers.size()));
    Member to = other(from);
    String txId = "demo-" + UUID.randomUUID();
    DemoHttp.Answer a = http.post(nodes.node(from.node()).httpPort(), "/api/v1/transfers", new JsonObject()
      .put("fromId", from.id()).put("toId", to.id()).put("amountHundredths", String.valueOf(AMOUNT)).put("txId", txId));
    if (a.ok() && "COMMITTED".equals(a.body().getString("state"))) {
      stats.transfersCommitted.incrementAndGet();
      from.hundredths().addAndGet(-AMOUNT);
      to.hundredths().addAndGet(AMOUNT);
      // the payer's side is COMMITTED when the call answers; the payee's may still be applying
      fertilize(from, "transactionId", txId);
    } else {
      stats.transfersRefused.incrementAndGet();
      stats.lastError.set("transfer: " + (a.ok() ? a.body().getString("state") + " " + a.body().getString("errorMessage", "") : a.error()));
    }
  }

  private void attest() throws IOException, InterruptedException {
    Member attester = members.get(ThreadLocalRandom.current().nextInt(members.size()));
    Member subject = other(attester);
    DemoHttp.Answer a = http.post(nodes.node(attester.node()).httpPort(), "/api/v1/attestations", new JsonObject()
      .put("attesterId", attester.id()).put("subjectId", subject.id())
      .put("type", TYPES[ThreadLocalRandom.current().nextInt(TYPES.length)])
      .put("strength", 50 + ThreadLocalRandom.current().nextInt(51)).put("content", "demo: " + attester.name() + " vouches"));
    if (!a.ok()) {
      stats.error("attest: " + a.error());
      return;
    }
    stats.attestations.incrementAndGet();
    String id = a.body().getJsonObject("attestation", new JsonObject()).getString("id", "");
    if (!id.isEmpty()) {
      fertilize(subject, "attestationId", id);
    }
  }

  /** A batch of 1–2 eggs from the seeded pool for a random owner; first, a look at eggs fertilized earlier. */
  private void eggs() throws IOException, InterruptedException {
    if (poolId.isEmpty()) {
      return;
    }
    checkHatched();
    Member owner = members.get(ThreadLocalRandom.current().nextInt(members.size()));
    DemoHttp.Answer a = http.post(nodes.node(owner.node()).httpPort(), "/api/v1/eggs:generate", new JsonObject().put("poolId", poolId)
      .put("reference", "egg" + owner.id().substring(0, 8)).put("denomination", DemoSeeder.DENOMINATION)
      .put("count", 1 + ThreadLocalRandom.current().nextInt(2)).put("ownerId", owner.id()));
    if (!a.ok()) {
      stats.error("eggs: " + a.error());
      return;
    }
    long now = System.currentTimeMillis();
    for (Object e : a.body().getJsonArray("eggs", new JsonArray())) {
      dormant.add(new Egg(((JsonObject) e).getString("id"), owner, now));
      stats.eggsGenerated.incrementAndGet();
    }
  }

  /** A proof of the owner's activity fertilizes one of its dormant eggs generated before the proof. */
  private void fertilize(Member owner, String proofField, String proofId) throws IOException, InterruptedException {
    long now = System.currentTimeMillis();
    for (Egg egg : dormant) {
      if (egg.owner() == owner && egg.generatedAtMs() < now && dormant.remove(egg)) {
        DemoHttp.Answer a = http.post(nodes.node(owner.node()).httpPort(), "/api/v1/eggs/" + egg.id() + ":fertilize",
          new JsonObject().put(proofField, proofId));
        if (a.ok()) {
          stats.eggsFertilized.incrementAndGet();
          fertilized.add(egg);
        } else {
          stats.error("fertilize: " + a.error());
        }
        return;
      }
    }
  }

  private void checkHatched() throws IOException, InterruptedException {
    for (int i = 0; i < 3; i++) {
      Egg egg = fertilized.poll();
      if (egg == null) {
        return;
      }
      DemoHttp.Answer a = http.get(nodes.node(egg.owner().node()).httpPort(), "/api/v1/eggs/" + egg.id());
      if (a.ok() && "ACTIVE".equals(a.body().getString("stage"))) {
        stats.eggsHatched.incrementAndGet();
        egg.owner().hundredths().addAndGet(DemoSeeder.DENOMINATION * 100L);
      } else {
        fertilized.add(egg); // not yet: looked at again later
      }
    }
  }

  /** The owner renews one of its active tokens (not its wissel): the same value, a new token with a later expiry. */
  private void renew() throws IOException, InterruptedException {
    Member owner = members.get(ThreadLocalRandom.current().nextInt(members.size()));
    int port = nodes.node(owner.node()).httpPort();
    DemoHttp.Answer list = http.get(port, "/api/v1/identities/" + owner.id() + "/tokens?limit=20");
    if (!list.ok()) {
      stats.error("renew: " + list.error());
      return;
    }
    List<String> candidates = new ArrayList<>();
    for (Object t : list.body().getJsonArray("tokens", new JsonArray())) {
      JsonObject token = (JsonObject) t;
      if ("ACTIVE".equals(token.getString("state", "ACTIVE")) && !token.getBoolean("wissel", false)) {
        candidates.add(token.getString("id"));
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    String tokenId = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    DemoHttp.Answer a = http.post(port, "/api/v1/tokens/" + tokenId + ":renew", new JsonObject().put("requesterId", owner.id()));
    if (a.ok()) {
      stats.renewals.incrementAndGet();
    } else if (a.status() == 409) {
      stats.lastError.set("renew: " + a.error()); // the token moved or got locked by a transfer meanwhile: not a fault
    } else {
      stats.error("renew: " + a.error());
    }
  }
}
