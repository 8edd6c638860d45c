package org.juicetokens.transport.framing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.FramingStats;
import org.juicetokens.transport.framing.proto.FramingStatsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verticle on a plain Vert.x: the node's FrameMetrics answered on the stats address, health "framing". */
@ExtendWith(VertxExtension.class)
class FramingVerticleTest {

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static NodeContext context(Vertx vertx, Map<String, String> settings) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NodeConfig config = NodeConfig.of(settings);
    return new NodeContext(config, registry, new Instrumented(registry, new OperationStats(), "f1"), HealthChecks.create(vertx), null);
  }

  @Test
  void stats_address_answers_what_the_node_codecs_counted(Vertx vertx) throws Exception {
    ProtobufCodec.register(vertx.eventBus());
    NodeContext node = context(vertx, Map.of("node.id", "f1"));
    await(vertx.deployVerticle(new FramingVerticle(node)));
    FrameCodec codec = new FrameCodec(FramingLimits.from(node.config()), node.framing());
    FrameDecoder decoder = codec.newDecoder();
    decoder.decode(FrameCodec.toWire(codec.encode(FrameType.DATA, "x.Y", new byte[10]).get(0)), 0);
    decoder.decode(io.vertx.core.buffer.Buffer.buffer(new byte[] {0}), 0);

    FramingStats stats = await(Bus.request(vertx.eventBus(), Addresses.FRAMING_STATS, FramingStatsRequest.getDefaultInstance(),
      5_000, FramingStats.class));
    assertThat(stats.getBuilt()).isEqualTo(1);
    assertThat(stats.getParsed()).isEqualTo(1);
    assertThat(stats.getRejected()).isEqualTo(1);
    assertThat(stats.getParseSuccessRate()).isEqualTo(0.5);
    assertThat(stats.getLatest(0).getReason()).isEqualTo("bad_length");

    CheckResult health = await(node.health().checkStatus("framing"));
    assertThat(CheckResult.isUp(health)).isTrue();
    assertThat(health.getData().getLong("rejected")).isEqualTo(1L);
    String scrape = ((PrometheusMeterRegistry) node.registry()).scrape();
    assertThat(scrape).contains("juice_frames_rejected_total{reason=\"bad_length\"} 1.0",
      "juice_frames_built_total{type=\"data\"} 1.0", "juice_frame_bytes_bucket{direction=\"parsed\",le=\"64.0\"} 1");
  }

  @Test
  void bad_framing_setting_fails_the_deployment(Vertx vertx) {
    NodeContext node = context(vertx, Map.of("node.id", "f1", "framing.compression", "lz4"));
    assertThatThrownBy(() -> await(vertx.deployVerticle(new FramingVerticle(node))))
      .hasRootCauseInstanceOf(IllegalArgumentException.class).hasStackTraceContaining("framing.compression");
  }

  @Test
  void undeploy_removes_the_health_procedure(Vertx vertx) throws Exception {
    ProtobufCodec.register(vertx.eventBus());
    NodeContext node = context(vertx, Map.of("node.id", "f1"));
    String id = await(vertx.deployVerticle(new FramingVerticle(node)));
    await(vertx.undeploy(id));
    assertThat(await(node.health().checkStatus()).getChecks()).noneMatch(c -> "framing".equals(c.getId()));
  }
}
