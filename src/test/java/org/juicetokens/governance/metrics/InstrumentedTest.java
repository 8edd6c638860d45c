package org.juicetokens.governance.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstrumentedTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Instrumented instrumented = new Instrumented(registry, new OperationStats(), "n1");

  @Test
  void successes_and_failures_are_timed_counted_and_fed_to_the_admin_stats() {
    instrumented.run(Layer.STORAGE, "put", "key=a", () -> Future.succeededFuture("ok"));
    Future<String> failed = instrumented.run(Layer.STORAGE, "put", "key=b",
      () -> Future.failedFuture(JuiceException.invalidArgument("empty key")));
    assertThat(failed.failed()).isTrue();

    String scrape = registry.scrape();
    assertThat(scrape).contains("juice_operation_seconds_count{layer=\"storage\",operation=\"put\",outcome=\"ok\"} 1");
    assertThat(scrape).contains("juice_operation_seconds_count{layer=\"storage\",operation=\"put\",outcome=\"error\"} 1");
    assertThat(scrape).contains("juice_operation_errors_total{error=\"INVALID_ARGUMENT\",layer=\"storage\",operation=\"put\"} 1");
    assertThat(instrumented.stats().layerTotals(Layer.STORAGE).getLong("ok")).isEqualTo(1);
    assertThat(instrumented.stats().layerTotals(Layer.STORAGE).getLong("failed")).isEqualTo(1);
    assertThat(instrumented.stats().snapshot().getJsonArray("recentErrors")).hasSize(1);
  }

  @Test
  void a_supplier_that_throws_is_a_failed_operation_not_an_escaped_exception() {
    Future<Object> result = instrumented.run(Layer.DHT, "get", "", () -> {
      throw new IllegalStateException("boom");
    });
    assertThat(result.failed()).isTrue();
    assertThat(registry.scrape()).contains("error=\"INTERNAL\",layer=\"dht\",operation=\"get\"");
  }

  @Test
  void recent_errors_are_bounded() {
    for (int i = 0; i < 100; i++) {
      instrumented.run(Layer.TIME, "ntp", "", () -> Future.failedFuture(new IllegalStateException("x")));
    }
    assertThat(instrumented.stats().snapshot().getJsonArray("recentErrors").size()).isLessThanOrEqualTo(20);
  }
}
