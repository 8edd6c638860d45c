package org.juicetokens.extension.examples;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** WebhookNotifier with a recording context whose post answers are scripted: retries, back-off, drops, the queue. */
class WebhookNotifierTest {
  private static final String URL = "https://hooks.example.org/juice?token=s3cret";

  private static HookEvent event(String txId) {
    return new HookEvent(Hook.TRANSACTION_STATE, 42L, "node-a", new JsonObject().put("txId", txId).put("state", "COMMITTED"));
  }

  private static WebhookNotifier started(RecordingContext context) {
    WebhookNotifier notifier = new WebhookNotifier();
    assertThat(notifier.start(context).succeeded()).isTrue();
    return notifier;
  }

  @Test
  void refused_twice_then_accepted_is_delivered_on_the_third_attempt_with_doubling_back_off() {
    RecordingContext context = new RecordingContext(Map.of("url", URL)).answers(null, null, 200);
    WebhookNotifier notifier = started(context);

    assertThat(notifier.onEvent(event("tx-1")).succeeded()).isTrue();

    assertThat(context.posts).hasSize(3);
    assertThat(context.delays).containsExactly(500L, 1000L);
    assertThat(notifier.delivered()).isEqualTo(1);
    assertThat(notifier.dropped()).isZero();
    assertThat(notifier.retried()).isEqualTo(2);
    JsonObject body = context.posts.get(2).body();
    assertThat(context.posts.get(2).url()).isEqualTo(URL);
    assertThat(body.getString("hook")).isEqualTo("transaction.state");
    assertThat(body.getLong("atMs")).isEqualTo(42L);
    assertThat(body.getString("nodeId")).isEqualTo("node-a");
    assertThat(body.getJsonObject("data").getString("txId")).isEqualTo("tx-1");
  }

  @Test
  void non_2xx_answers_are_retried_like_refusals() {
    RecordingContext context = new RecordingContext(Map.of("url", URL, "backoffMs", "10")).answers(503, 404, 204);
    WebhookNotifier notifier = started(context);

    notifier.onEvent(event("tx-2"));

    assertThat(context.posts).hasSize(3);
    assertThat(context.delays).containsExactly(10L, 20L);
    assertThat(notifier.delivered()).isEqualTo(1);
  }

  @Test
  void always_refused_is_dropped_after_maxAttempts_and_counted() {
    RecordingContext context = new RecordingContext(Map.of("url", URL, "maxAttempts", "4", "backoffMs", "100"));
    WebhookNotifier notifier = started(context);

    assertThat(notifier.onEvent(event("tx-3")).succeeded()).isTrue();

    assertThat(context.posts).hasSize(4);
    assertThat(context.delays).containsExactly(100L, 200L, 400L);
    assertThat(notifier.dropped()).isEqualTo(1);
    assertThat(notifier.delivered()).isZero();
    // the drop is visible on the notification stream, without the URL or its token
    assertThat(context.notifications(WebhookNotifier.DROPPED_KIND)).singleElement().satisfies(n -> {
      assertThat(n.payload().getString("hook")).isEqualTo("transaction.state");
      assertThat(n.payload().getInteger("attempts")).isEqualTo(4);
      assertThat(n.payload().getLong("droppedTotal")).isEqualTo(1);
      assertThat(n.payload().encode()).doesNotContain("s3cret").doesNotContain("hooks.example.org");
    });
  }

  @Test
  void the_default_is_five_attempts_from_500_ms() {
    RecordingContext context = new RecordingContext(Map.of("url", URL));
    WebhookNotifier notifier = started(context);

    notifier.onEvent(event("tx-4"));

    assertThat(context.posts).hasSize(5);
    assertThat(context.delays).containsExactly(500L, 1000L, 2000L, 4000L);
    assertThat(notifier.dropped()).isEqualTo(1);
  }

  @Test
  void deliveries_go_out_one_at_a_time_in_order_and_a_drop_does_not_stop_the_next() {
    RecordingContext context = new RecordingContext(Map.of("url", URL, "maxAttempts", "2"))
      .answers(500, 500, 200, 201);
    WebhookNotifier notifier = started(context);

    notifier.onEvent(event("first"));
    notifier.onEvent(event("second"));
    notifier.onEvent(event("third"));

    assertThat(context.posts).extracting(p -> p.body().getJsonObject("data").getString("txId"))
      .containsExactly("first", "first", "second", "third");
    assertThat(notifier.dropped()).isEqualTo(1);
    assertThat(notifier.delivered()).isEqualTo(2);
  }

  @Test
  void the_event_completes_when_queued_and_a_full_queue_fails_the_event() {
    // after() never completes here: the first delivery waits for its back-off, the next ones wait in the queue
    RecordingContext context = new RecordingContext(Map.of("url", URL, "queueSize", "2"));
    context.holdBackOff = true;
    WebhookNotifier notifier = started(context);

    assertThat(notifier.onEvent(event("in-flight")).succeeded()).isTrue();
    assertThat(notifier.onEvent(event("queued-1")).succeeded()).isTrue();
    assertThat(notifier.onEvent(event("queued-2")).succeeded()).isTrue();
    Future<Void> overflow = notifier.onEvent(event("overflow"));

    assertThat(overflow.failed()).isTrue();
    assertThat(((JuiceException) overflow.cause()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(notifier.queued()).isEqualTo(2);
    assertThat(context.posts).hasSize(1);

    // stop discards what waits
    assertThat(notifier.stop().succeeded()).isTrue();
    assertThat(notifier.queued()).isZero();
    assertThat(notifier.dropped()).isEqualTo(2);
  }

  @Test
  void start_fails_on_a_missing_or_bad_configuration() {
    for (Map<String, String> config : List.of(Map.<String, String>of(), Map.of("url", "ftp://example.org/x"),
        Map.of("url", "not a url"), Map.of("url", "http:///nohost"), Map.of("url", URL, "maxAttempts", "0"),
        Map.of("url", URL, "maxAttempts", "11"), Map.of("url", URL, "backoffMs", "soon"), Map.of("url", URL, "queueSize", "0"))) {
      Future<Void> start = new WebhookNotifier().start(new RecordingContext(config));
      assertThat(start.failed()).as(config.toString()).isTrue();
      assertThat(((JuiceException) start.cause()).code()).as(config.toString()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(start.cause().getMessage()).doesNotContain("s3cret");
    }
  }

  @Test
  void the_logged_form_of_the_url_has_no_credentials_or_query() {
    assertThat(WebhookTarget.of("https://user:pa55@hooks.example.org:8443/in/juice?token=s3cret#x").redacted())
      .isEqualTo("https://hooks.example.org:8443/in/juice");
    assertThat(WebhookTarget.of("http://127.0.0.1/").toString()).isEqualTo("http://127.0.0.1/");
  }

  @Test
  void back_off_doubles_and_is_capped_at_an_hour() {
    assertThat(WebhookNotifier.backoff(500, 1)).isEqualTo(500);
    assertThat(WebhookNotifier.backoff(500, 4)).isEqualTo(4000);
    assertThat(WebhookNotifier.backoff(3_000_000, 3)).isEqualTo(3_600_000);
  }
}
