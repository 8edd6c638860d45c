package org.juicetokens.extension.runtime;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.runtime.testext.RecordingExtension;
import org.juicetokens.extension.runtime.testext.TestSinks;
import org.juicetokens.extension.runtime.testext.ThrowingExtension;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.token.proto.Token;
import org.juicetokens.trust.attestation.proto.AttestationEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The host on a plain (not clustered) Vert.x, fed by node-local publications: the breaker rule, hook filtering, idempotence. */
class ExtensionHostTest {
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);
  private Vertx vertx;
  private ExtensionHost host;
  private final Map<String, String> faults = new ConcurrentHashMap<>();

  @BeforeEach
  void start(@TempDir Path tmp) throws Exception {
    vertx = Vertx.vertx();
    ProtobufCodec.register(vertx.eventBus());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NodeContext node = new NodeContext(NodeConfig.of(Map.of("node.id", "a", "node.dataDir", tmp.toString(),
      "extension.maxFailures", "2", "extension.maxBreakerOpens", "2", "extension.resetTimeoutMs", "1000",
      "extension.callTimeoutMs", "2000")), registry, new Instrumented(registry, new OperationStats(), "a"), HealthChecks.create(vertx), null);
    HostVerticle verticle = new HostVerticle(node);
    vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
    host = verticle.host;
    host.onFault((id, state, reason) -> faults.put(id, state + ": " + reason));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void the_breaker_rejects_while_open_and_the_extension_is_disabled_at_the_configured_openings() throws Exception {
    String id = "thrower-" + UUID.randomUUID().toString().substring(0, 8);
    host.activate(manifest(id, ThrowingExtension.class, "token.created", "tokens:read")).await(30, TimeUnit.SECONDS);
    eventually("first opening", () -> {
      mint();
      return host.usage(id).getLong("breakerOpens") == 1;
    });
    assertThat(faults).doesNotContainKey(id);
    assertThat(host.running(id)).isTrue();
    mint();
    eventually("rejected while open", () -> host.usage(id).getLong("rejected") >= 1 || "HALF_OPEN".equals(host.usage(id).getString("breaker")));
    eventually("half open after extension.resetTimeoutMs", () -> "HALF_OPEN".equals(host.usage(id).getString("breaker")));
    mint();
    eventually("disabled", () -> faults.containsKey(id));
    assertThat(faults.get(id)).startsWith("DISABLED: repeated failures: circuit breaker opened 2 time(s)");
    // the breaker reports the opening before the failed call's outcome is counted
    eventually("the third error counted", () -> host.usage(id).getLong("errors") >= 3);
    JsonObject usage = host.usage(id);
    assertThat(usage.getBoolean("running")).isFalse();
    assertThat(usage.getString("breaker")).isEqualTo("NONE");
    assertThat(usage.getLong("breakerOpens")).isEqualTo(2);
    assertThat(usage.getString("lastFailure")).contains("fails on purpose");
  }

  @Test
  void hooks_reach_only_extensions_that_list_them_with_the_permission_they_need() throws Exception {
    String all = "all-" + UUID.randomUUID().toString().substring(0, 8);
    String healthOnly = "health-" + UUID.randomUUID().toString().substring(0, 8);
    host.activate(ExtensionManifest.newBuilder().setId(all).setEntryClass(RecordingExtension.class.getName())
      .addAllHooks(List.of("token.created", "attestation.created", "health.changed"))
      .addAllPermissions(List.of("tokens:read", "attestations:read")).build()).await(30, TimeUnit.SECONDS);
    host.activate(ExtensionManifest.newBuilder().setId(healthOnly).setEntryClass(RecordingExtension.class.getName())
      .addAllHooks(List.of("token.created", "attestation.created", "health.changed")).build()).await(30, TimeUnit.SECONDS);
    mint();
    vertx.eventBus().publish(Addresses.ATTESTATION_EVENTS, AttestationEvent.newBuilder().setAttestationId("elsewhere")
      .setAttesterHomeNode("b").build());
    vertx.eventBus().publish(Addresses.ATTESTATION_EVENTS, AttestationEvent.newBuilder().setAttestationId("here")
      .setAttesterHomeNode("a").build());
    vertx.eventBus().publish(Addresses.HEALTH_CHANGED, new JsonObject().put("status", "DEGRADED"), LOCAL);
    eventually("all three hooks", () -> TestSinks.events(all).size() == 3 && TestSinks.events(healthOnly).size() == 1);
    assertThat(TestSinks.events(all)).extracting(HookEvent::hook)
      .containsExactlyInAnyOrder(Hook.TOKEN_CREATED, Hook.ATTESTATION_CREATED, Hook.HEALTH_CHANGED);
    assertThat(TestSinks.events(all)).filteredOn(e -> e.hook() == Hook.ATTESTATION_CREATED)
      .singleElement().satisfies(e -> assertThat(e.data().getString("attestationId")).isEqualTo("here"));
    assertThat(TestSinks.events(healthOnly)).singleElement().satisfies(e -> {
      assertThat(e.hook()).isEqualTo(Hook.HEALTH_CHANGED);
      assertThat(e.data().getString("status")).isEqualTo("DEGRADED");
      assertThat(e.nodeId()).isEqualTo("a");
    });
  }

  @Test
  void activating_a_running_extension_again_changes_nothing_and_usage_outlives_deactivation() throws Exception {
    String id = "twice-" + UUID.randomUUID().toString().substring(0, 8);
    ExtensionManifest manifest = manifest(id, RecordingExtension.class, "token.created", "tokens:read");
    host.activate(manifest).await(30, TimeUnit.SECONDS);
    host.activate(manifest).await(30, TimeUnit.SECONDS);
    assertThat(TestSinks.notes(id)).filteredOn(n -> n.startsWith("started")).hasSize(1);
    mint();
    eventually("one event", () -> host.usage(id).getLong("ok") == 1);
    host.deactivate(id).await(30, TimeUnit.SECONDS);
    host.deactivate(id).await(30, TimeUnit.SECONDS);
    JsonObject usage = host.usage(id);
    assertThat(usage.getLong("invocations")).isEqualTo(1);
    assertThat(usage.getBoolean("running")).isFalse();
    assertThat(faults).doesNotContainKey(id);
  }

  private void mint() {
    vertx.eventBus().publish(Addresses.TOKEN_CREATED, Token.newBuilder().setId("t-" + UUID.randomUUID()).build(), LOCAL);
  }

  private static ExtensionManifest manifest(String id, Class<?> entry, String hook, String permission) {
    return ExtensionManifest.newBuilder().setId(id).setEntryClass(entry.getName()).addHooks(hook).addPermissions(permission).build();
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
