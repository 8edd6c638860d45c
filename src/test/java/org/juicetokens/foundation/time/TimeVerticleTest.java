package org.juicetokens.foundation.time;

import org.juicetokens.testing.SntpTestServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.junit5.VertxExtension;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.foundation.time.proto.PeerTimePing;
import org.juicetokens.foundation.time.proto.PeerTimePong;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceReading;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.node.NodeContext;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juicetokens.foundation.time.TimeTestSupport.await;
import static org.juicetokens.foundation.time.TimeTestSupport.eventually;
import static org.juicetokens.foundation.time.TimeTestSupport.now;

/** The verticle on a plain (non-clustered) Vert.x: no Hazelcast, so no peers; NTP from a loopback server. */
@ExtendWith(VertxExtension.class)
class TimeVerticleTest {
  private SntpTestServer sntp;
  private PrometheusMeterRegistry registry;
  private NodeContext context;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    ProtobufCodec.register(vertx.eventBus());
    sntp = SntpTestServer.start(0);
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @AfterEach
  void tearDown() throws Exception {
    sntp.close();
  }

  private String deploy(Vertx vertx, Map<String, String> settings) throws Exception {
    Map<String, String> all = new HashMap<>(Map.of("node.id", "t1", "time.ntpPollIntervalMs", "200", "time.ntpTimeoutMs", "150",
      "time.peerPollIntervalMs", "200"));
    all.putAll(settings);
    NodeConfig config = NodeConfig.of(all);
    context = new NodeContext(config, registry, new Instrumented(registry, new OperationStats(), "t1"), HealthChecks.create(vertx), null);
    return await(vertx.deployVerticle(new TimeVerticle(context)));
  }

  @Test
  void a_lone_node_without_ntp_is_inadequate_but_its_health_stays_up(Vertx vertx) throws Exception {
    deploy(vertx, Map.of());

    TimeReading reading = now(vertx);
    assertThat(reading.getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    assertThat(reading.getSourcesList()).extracting(TimeSourceReading::getType).containsExactly(TimeSourceType.SYSTEM);

    CheckResult health = await(context.health().checkStatus("time"));
    assertThat(health.getUp()).isTrue();
    assertThat(health.getData().getString("timeStatus")).isEqualTo("INADEQUATE");
    // a node that cannot commit transfers still serves: DEGRADED, not DOWN
    assertThat(health.getData().getString("status")).isEqualTo("DEGRADED");
    assertThat(health.getData().getInteger("confidence")).isEqualTo(TimeConsensus.INADEQUATE_CAP);
    assertThat(health.getData().getString("reason")).contains("local clock alone");
    assertThat(health.getData().getJsonArray("sources")).hasSize(1);
    assertThat(registry.get("juice.time.status").tag("status", "INADEQUATE").gauge().value()).isEqualTo(1.0);
    assertThat(context.instrumented().stats().layerTotals(Layer.TIME).getLong("ok")).isPositive();
  }

  @Test
  void an_answering_ntp_server_makes_the_node_verified_and_the_change_is_announced(Vertx vertx) throws Exception {
    sntp.mode(SntpTestServer.Mode.SILENT);
    deploy(vertx, Map.of("time.ntpServers", sntp.address()));
    assertThat(now(vertx).getStatus()).isEqualTo(TimeStatus.INADEQUATE);
    LinkedBlockingQueue<TimeReading> changes = new LinkedBlockingQueue<>();
    vertx.eventBus().<TimeReading>localConsumer(Addresses.TIME_STATUS, m -> changes.add(m.body()));

    sntp.mode(SntpTestServer.Mode.ANSWER);

    TimeReading announced = changes.poll(20, TimeUnit.SECONDS);
    assertThat(announced).isNotNull();
    assertThat(announced.getStatus()).isEqualTo(TimeStatus.VERIFIED);
    TimeReading reading = now(vertx);
    assertThat(reading.getStatus()).isEqualTo(TimeStatus.VERIFIED);
    assertThat(reading.getConfidence()).isGreaterThan(TimeConsensus.INADEQUATE_CAP);
    TimeSourceReading ntp = reading.getSourcesList().stream().filter(s -> s.getType() == TimeSourceType.NTP).findFirst().orElseThrow();
    assertThat(ntp.getName()).isEqualTo(sntp.address());
    assertThat(ntp.getExcluded()).isFalse();
    assertThat(registry.get("juice.time.drift").tag("type", "ntp").tag("source", sntp.address()).gauge()).isNotNull();
    assertThat(registry.get("juice.time.status").tag("status", "VERIFIED").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void an_ntp_server_that_stops_answering_shows_its_error_and_counts_until_it_ages_out(Vertx vertx) throws Exception {
    deploy(vertx, Map.of("time.ntpServers", sntp.address()));
    eventually(vertx, r -> r.getStatus() == TimeStatus.VERIFIED, 20_000);

    sntp.mode(SntpTestServer.Mode.SILENT);

    TimeReading reading = eventually(vertx, r -> r.getSourcesList().stream().anyMatch(s -> s.getError().contains("did not answer")), 20_000);
    assertThat(reading.getStatus()).isEqualTo(TimeStatus.VERIFIED);
  }

  @Test
  void a_bad_ntp_server_setting_fails_the_deployment_with_invalid_argument(Vertx vertx) {
    assertThatThrownBy(() -> deploy(vertx, Map.of("time.ntpServers", "127.0.0.1:0")))
      .isInstanceOf(ExecutionException.class)
      .cause().isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void time_now_rejects_a_request_of_the_wrong_type(Vertx vertx) throws Exception {
    deploy(vertx, Map.of());

    assertThatThrownBy(() -> await(vertx.eventBus().request(Addresses.TIME_NOW, PeerTimePing.getDefaultInstance())))
      .cause().isInstanceOfSatisfying(ReplyException.class,
        e -> assertThat(e.failureCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT.wireCode()));
    assertThat(now(vertx).getStatus()).isEqualTo(TimeStatus.INADEQUATE);
  }

  @Test
  void a_peer_ping_is_answered_with_this_nodes_skewed_clock(Vertx vertx) throws Exception {
    deploy(vertx, Map.of("time.skewMs", "10000"));
    long before = System.currentTimeMillis();

    PeerTimePong pong = await(Bus.request(vertx.eventBus(), Addresses.node("t1", Addresses.TIME_PING_SUFFIX),
      PeerTimePing.newBuilder().setFromNode("x").setOriginateMs(42).build(), 5_000, PeerTimePong.class));

    long after = System.currentTimeMillis();
    assertThat(pong.getNodeId()).isEqualTo("t1");
    assertThat(pong.getOriginateMs()).isEqualTo(42);
    assertThat(pong.getReceiveMs()).isBetween(before + 10_000, after + 10_000);
    assertThat(pong.getTransmitMs()).isBetween(pong.getReceiveMs(), after + 10_000);
  }

  @Test
  void undeploying_releases_the_addresses_meters_and_health_check(Vertx vertx) throws Exception {
    String id = deploy(vertx, Map.of("time.ntpServers", sntp.address()));
    eventually(vertx, r -> r.getStatus() == TimeStatus.VERIFIED, 20_000);

    await(vertx.undeploy(id));

    assertThat(registry.find("juice.time.drift").meters()).isEmpty();
    assertThat(registry.find("juice.time.status").meters()).isEmpty();
    assertThatThrownBy(() -> now(vertx)).cause()
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    int answered = sntp.answered();
    Thread.sleep(600);
    assertThat(sntp.answered()).as("no NTP polls after undeploy").isEqualTo(answered);
    assertThat(await(context.health().checkStatus()).getChecks()).noneMatch(c -> "time".equals(c.getId()));
  }
}
