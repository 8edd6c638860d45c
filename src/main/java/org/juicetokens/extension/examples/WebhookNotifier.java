package org.juicetokens.extension.examples;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.extension.spi.JuiceExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Example extension: POSTs every event it receives (the hooks of its manifest, as far as its
 * permissions allow) as {@code {hook, atMs, nodeId, data}} to the configured {@code url}, through
 * {@code context.post} (permission {@code notify}).
 *
 * <p>Retries: a refused connection, a timeout or a non-2xx answer is tried again after
 * {@code backoffMs}, doubled after each try ({@code context.after}), up to {@code maxAttempts}
 * in all; then the delivery is dropped with a WARN (the URL without credentials or query) and a
 * {@code webhook-dropped} notification, and counted.
 *
 * <p>Isolation: {@link #onEvent} completes as soon as the delivery is queued, so a slow or absent
 * receiver never makes the node's extension timeout or circuit breaker count a failure. The queue
 * holds at most {@code queueSize} deliveries, sent one at a time in order; an event that finds it
 * full fails (UNAVAILABLE): a receiver down for long shows up as failures of this extension, and
 * its breaker decides, instead of memory growing without bound.
 *
 * <p>The queue and flags are concurrent structures: events arrive on the extension's context, but
 * the completion of a post may come on another thread, depending on the node's facade.
 */
public final class WebhookNotifier implements JuiceExtension {
  public static final String DROPPED_KIND = "webhook-dropped";
  static final String URL = "url";
  static final String MAX_ATTEMPTS = "maxAttempts";
  static final String BACKOFF_MS = "backoffMs";
  static final String QUEUE_SIZE = "queueSize";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
  /** Ceiling of one back-off (an hour): a doubling never overflows. */
  private static final long MAX_BACKOFF_MS = 3_600_000;

  private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private ExtensionContext context;
  private WebhookTarget target;
  private int maxAttempts;
  private long backoffMs;
  private int queueSize;
  private volatile boolean stopped;

  private record Delivery(String hook, JsonObject body) {
  }

  @Override
  public Future<Void> start(ExtensionContext context) {
    try {
      target = WebhookTarget.of(context.config().get(URL));
      maxAttempts = (int) ExampleConfig.whole(context.config(), MAX_ATTEMPTS, 5L, 1, 10);
      backoffMs = ExampleConfig.whole(context.config(), BACKOFF_MS, 500L, 1, MAX_BACKOFF_MS);
      queueSize = (int) ExampleConfig.whole(context.config(), QUEUE_SIZE, 100L, 1, 10_000);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    this.context = context;
    stopped = false;
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> onEvent(HookEvent event) {
    if (waiting.incrementAndGet() > queueSize) {
      waiting.decrementAndGet();
      return Future.failedFuture(JuiceException.unavailable("webhook delivery queue full (" + queueSize + ")", null));
    }
    String hook = event.hook().wireName();
    queue.add(new Delivery(hook, new JsonObject().put("hook", hook).put("atMs", event.atMs())
      .put("nodeId", event.nodeId()).put("data", event.data())));
    sendNext();
    return Future.succeededFuture();
  }

  /** Queued deliveries are discarded (counted as dropped); a delivery waiting for its back-off ends there. */
  @Override
  public Future<Void> stop() {
    stopped = true;
    int discarded = 0;
    while (queue.poll() != null) {
      waiting.decrementAndGet();
      discarded++;
    }
    if (discarded > 0) {
      LOG.info("webhook to {}: {} queued deliveries discarded on stop", target, discarded);
      dropped.addAndGet(discarded);
    }
    return Future.succeededFuture();
  }

  /** Deliveries that reached a 2xx answer. */
  public long delivered() {
    return delivered.get();
  }

  /** Deliveries given up (attempts exhausted, or discarded on stop). */
  public long dropped() {
    return dropped.get();
  }

  /** Attempts that were tried again. */
  public long retried() {
    return retried.get();
  }

  /** Deliveries waiting (not counting the one being sent). */
  public int queued() {
    return waiting.get();
  }

  /** The back-off before attempt {@code attempt + 1}: backoffMs doubled per earlier retry, at most an hour. */
  static long backoff(long backoffMs, int attempt) {
    long delay = backoffMs;
    for (int i = 1; i < attempt && delay < MAX_BACKOFF_MS; i++) {
      delay *= 2;
    }
    return Math.min(delay, MAX_BACKOFF_MS);
  }

  /** Starts the next delivery unless one is under way; the re-check after releasing catches an event queued meanwhile. */
  private void sendNext() {
    while (!stopped && !queue.isEmpty() && sending.compareAndSet(false, true)) {
      Delivery delivery = queue.poll();
      if (delivery != null) {
        waiting.decrementAndGet();
        attempt(delivery, 1).onComplete(ar -> {
          sending.set(false);
          sendNext();
        });
        return;
      }
      sending.set(false);
    }
  }

  /** One attempt and, when it fails, the back-off and the next; always completes successfully. */
  private Future<Void> attempt(Delivery delivery, int attempt) {
    if (stopped) {
      dropped.incrementAndGet();
      return Future.succeededFuture();
    }
    Future<Integer> post;
    try {
      post = context.post(target.url(), delivery.body());
    } catch (RuntimeException e) {
      post = Future.failedFuture(e);
    }
    return post.transform(ar -> {
      String outcome = outcome(ar);
      if (outcome == null) {
        delivered.incrementAndGet();
        return Future.succeededFuture();
      }
      if (stopped) {
        dropped.incrementAndGet();
        return Future.succeededFuture();
      }
      if (attempt >= maxAttempts) {
        drop(delivery, attempt, outcome);
        return Future.succeededFuture();
      }
      retried.incrementAndGet();
      // a refused back-off (never expected) drops the delivery rather than retrying without a pause
      return context.after(backoff(backoffMs, attempt)).transform(waited -> {
        if (waited.failed()) {
          drop(delivery, attempt, outcome + ", back-off refused");
          return Future.succeededFuture();
        }
        return attempt(delivery, attempt + 1);
      });
    });
  }

  /** Null for a 2xx answer, else what went wrong, without the URL (a failure's message may carry it). */
  private static String outcome(AsyncResult<Integer> ar) {
    if (ar.failed()) {
      return "failed (" + ar.cause().getClass().getSimpleName() + ")";
    }
    int status = ar.result() == null ? 0 : ar.result();
    return status >= 200 && status < 300 ? null : "HTTP " + status;
  }

  private void drop(Delivery delivery, int attempts, String outcome) {
    long total = dropped.incrementAndGet();
    LOG.warn("webhook to {}: {} event dropped after {} attempts, last {} ({} dropped so far)",
      target, delivery.hook(), attempts, outcome, total);
    context.notify(DROPPED_KIND, new JsonObject().put("hook", delivery.hook()).put("attempts", attempts)
      .put("lastOutcome", outcome).put("droppedTotal", total))
      .onFailure(e -> LOG.debug("webhook-dropped notification refused: {}", e.getMessage()));
  }
}
