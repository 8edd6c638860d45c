package org.juicetokens.token.telomere;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.junit5.VertxExtension;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.token.proto.TelomereStats;
import org.juicetokens.token.proto.TelomereStatsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.token.telomere.TelomereFixture.TOKEN_ID;

/** The verticle on a plain Vert.x: the node's TelomereChecks answered on the stats address and the admin section, health "telomere". */
@ExtendWith(VertxExtension.class)
class TelomereVerticleTest {
  private final TelomereFixture f = TelomereFixture.small();

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static NodeContext context(Vertx vertx, Map<String, String> settings) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return new NodeContext(NodeConfig.of(settings), registry, new Instrumented(registry, new OperationStats(), "t1"),
      HealthChecks.create(vertx), null);
  }

  @Test
  void stats_address_health_and_admin_section_show_what_the_node_checked(Vertx vertx) throws Exception {
    ProtobufCodec.register(vertx.eventBus());
    NodeContext node = context(vertx, Map.of("node.id", "t1", "telomere.tailLinks", "4"));
    await(vertx.deployVerticle(new TelomereVerticle(node)));
    node.telomere().verify(TOKEN_ID, f.genesis, f.after(2, 4), VerifyOptions.of(4));
    node.telomere().verify(TOKEN_ID, f.genesis, f.after(6, 4), VerifyOptions.of(4).withIndex(9, null));

    TelomereStats stats = await(Bus.request(vertx.eventBus(), Addresses.TELOMERE_STATS, TelomereStatsRequest.getDefaultInstance(),
      5_000, TelomereStats.class));
    assertThat(stats.getTailLinks()).isEqualTo(4);
    assertThat(stats.getVerify().getOk()).isEqualTo(1);
    assertThat(stats.getVerify().getFailed()).isEqualTo(1);

    CheckResult health = await(node.health().checkStatus("telomere"));
    assertThat(CheckResult.isUp(health)).isTrue();
    assertThat(health.getData().getLong("verificationFailures")).isEqualTo(1L);

    JsonObject section = await(new TelomereAdminSection().gather(vertx.eventBus(), 5_000, node.instrumented().stats()));
    assertThat(section.getJsonObject("verify").getLong("failed")).isEqualTo(1L);
    assertThat(section.getJsonObject("verify").getDouble("successRate")).isEqualTo(0.5);
    assertThat(section.getJsonArray("failuresByReason").getJsonObject(0).getMap()).containsEntry("reason", "REPLAY").containsEntry("count", 1L);
    assertThat(section.getJsonArray("recent").getJsonObject(0).getString("operation")).isEqualTo("verify");
    assertThat(section.getInteger("maxEncodedBytes")).isEqualTo(Telomeres.maxEncodedSize(4));
  }

  @Test
  void a_tail_setting_out_of_range_fails_the_deployment(Vertx vertx) {
    NodeContext node = context(vertx, Map.of("node.id", "t1", "telomere.tailLinks", "0"));
    assertThatThrownBy(() -> await(vertx.deployVerticle(new TelomereVerticle(node))))
      .hasRootCauseInstanceOf(IllegalArgumentException.class).hasStackTraceContaining("telomere.tailLinks");
  }

  @Test
  void undeploy_removes_the_health_procedure(Vertx vertx) throws Exception {
    ProtobufCodec.register(vertx.eventBus());
    NodeContext node = context(vertx, Map.of("node.id", "t1"));
    String id = await(vertx.deployVerticle(new TelomereVerticle(node)));
    await(vertx.undeploy(id));
    assertThat(await(node.health().checkStatus()).getChecks()).noneMatch(c -> "telomere".equals(c.getId()));
  }
}
