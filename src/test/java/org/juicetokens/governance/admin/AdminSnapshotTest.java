package org.juicetokens.governance.admin;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtMember;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.juicetokens.foundation.storage.proto.StorageStats;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceReading;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.foundation.time.proto.TimeStatus;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.DiscoveryStats;
import org.juicetokens.transport.discovery.proto.MethodCount;
import org.juicetokens.transport.discovery.proto.Peer;
import org.juicetokens.transport.discovery.proto.RejectionCount;
import org.juicetokens.transport.framing.FrameMetrics;
import org.juicetokens.transport.framing.proto.FrameType;
import org.juicetokens.transport.framing.proto.TransportErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdminSnapshotTest {
  private static final JsonObject NO_OPS = new JsonObject().put("ok", 0L).put("failed", 0L);

  private static CheckResult health(boolean storageUp) {
    return new CheckResult().setStatus(storageUp ? Status.OK() : Status.KO()).setChecks(List.of(
      CheckResult.from("cluster", Status.OK(new JsonObject().put("members", 2).put("memberNodeIds", List.of("a", "b")))),
      CheckResult.from("storage", storageUp ? Status.OK() : Status.KO(new JsonObject().put("diskFreeBytes", 0)))));
  }

  @Test
  void storage_section_has_health_rates_and_utilisation() {
    StorageStats stats = StorageStats.newBuilder().setOpen(true).setSizeOnDiskBytes(250).setDiskFreeBytes(750)
      .setReads(60).setWrites(30).setDeletes(5).setBatches(3).setScans(1).setErrors(1).build();
    JsonObject storage = AdminSnapshot.of("a", 1).health(health(false)).storage(stats, NO_OPS).toJson().getJsonObject("storage");
    assertThat(storage.getBoolean("available")).isTrue();
    assertThat(storage.getBoolean("up")).isFalse(); // from the storage health procedure, not from "open"
    assertThat(storage.getDouble("utilisation")).isEqualTo(0.25);
    assertThat(storage.getLong("operations")).isEqualTo(99);
    assertThat(storage.getDouble("successRate")).isEqualTo(0.99);
  }

  @Test
  void discovery_section_has_peers_found_per_method_success_rate_and_refusals() {
    DiscoveryStats stats = DiscoveryStats.newBuilder()
      .addPeers(Peer.newBuilder().setId("b").setMethod(DiscoveryMethod.CLUSTER).setPipeEndpoint("ws://h:1/pipe").setReliability(0.5))
      .addByMethod(MethodCount.newBuilder().setMethod(DiscoveryMethod.CLUSTER).setPeers(1))
      .addRejected(RejectionCount.newBuilder().setReason("bad_signature").setCount(3))
      .setRounds(4).setSuccessfulRounds(3).setLastDurationMs(2.5).setMeanDurationMs(2.0)
      .build();

    JsonObject discovery = AdminSnapshot.of("a", 1).discovery(stats, NO_OPS).toJson().getJsonObject("discovery");

    assertThat(discovery.getInteger("activePeers")).isEqualTo(1);
    assertThat(discovery.getJsonArray("peers").getJsonObject(0).getString("method")).isEqualTo("CLUSTER");
    assertThat(discovery.getJsonArray("peers").getJsonObject(0).getDouble("reliability")).isEqualTo(0.5);
    assertThat(discovery.getJsonObject("foundByMethod").getInteger("CLUSTER")).isEqualTo(1);
    assertThat(discovery.getDouble("successRate")).isEqualTo(0.75);
    assertThat(discovery.getJsonObject("rejected").getLong("bad_signature")).isEqualTo(3);
  }

  @Test
  void storage_without_a_health_procedure_is_up_when_open() {
    JsonObject storage = AdminSnapshot.of("a", 1).storage(StorageStats.newBuilder().setOpen(true).build(), NO_OPS)
      .toJson().getJsonObject("storage");
    assertThat(storage.getBoolean("up")).isTrue();
    assertThat(storage.getDouble("utilisation")).isZero();
    assertThat(storage.getDouble("successRate")).isEqualTo(1.0);
  }

  @Test
  void dht_section_lists_members_with_connection_and_lookup_latency() {
    DhtStats stats = DhtStats.newBuilder()
      .addMembers(DhtMember.newBuilder().setNodeId("a").setLocal(true).setConnected(true).setOwnedEntries(7))
      .addMembers(DhtMember.newBuilder().setNodeId("b").setConnected(false).setOwnedEntries(5))
      .setGetLatencyP50Ms(0.3).setGetLatencyP99Ms(4.2).setGets(9).setErrors(1).setClusterSize(2).build();
    JsonObject dht = AdminSnapshot.of("a", 1).dht(stats, NO_OPS).toJson().getJsonObject("dht");
    assertThat(dht.getJsonArray("members")).hasSize(2);
    assertThat(dht.getJsonArray("members").getJsonObject(1).getBoolean("connected")).isFalse();
    assertThat(dht.getJsonArray("members").getJsonObject(0).getLong("ownedEntries")).isEqualTo(7);
    assertThat(dht.getDouble("getLatencyP99Ms")).isEqualTo(4.2);
    assertThat(dht.getDouble("successRate")).isEqualTo(0.9);
  }

  @Test
  void time_section_has_status_confidence_and_drift_per_source() {
    TimeReading reading = TimeReading.newBuilder().setStatus(TimeStatus.VERIFIED).setConfidence(90).setTimestampMs(5)
      .addSources(TimeSourceReading.newBuilder().setType(TimeSourceType.NTP).setName("ntp:123").setOffsetMs(-12).setExcluded(true))
      .build();
    JsonObject time = AdminSnapshot.time(reading, 7);
    assertThat(time.getString("status")).isEqualTo("VERIFIED");
    assertThat(time.getInteger("confidence")).isEqualTo(90);
    assertThat(time.getLong("localMs")).isEqualTo(7);
    JsonObject source = time.getJsonArray("sources").getJsonObject(0);
    assertThat(source.getString("type")).isEqualTo("NTP");
    assertThat(source.getLong("offsetMs")).isEqualTo(-12);
    assertThat(source.getBoolean("excluded")).isTrue();
  }

  @Test
  void pipes_section_has_status_figures_and_reconnections_per_pipe() {
    var list = org.juicetokens.transport.pipe.proto.PipeList.newBuilder()
      .addPipes(org.juicetokens.transport.pipe.proto.PipeInfo.newBuilder().setId("p1").setPeerNodeId("b")
        .setDirection(org.juicetokens.transport.pipe.proto.PipeDirection.OUTBOUND)
        .setState(org.juicetokens.transport.pipe.proto.PipeState.OPEN)
        .setStats(org.juicetokens.transport.pipe.proto.PipeStats.newBuilder().setMessagesSent(10).setRoundTripMs(1.5)
          .setReconnects(2).setReconnectAttempts(3)))
      .addPipes(org.juicetokens.transport.pipe.proto.PipeInfo.newBuilder().setId("p2").setPeerNodeId("c")
        .setDirection(org.juicetokens.transport.pipe.proto.PipeDirection.INBOUND)
        .setState(org.juicetokens.transport.pipe.proto.PipeState.DISCONNECTED).setLastError("connection closed"))
      .build();
    JsonObject pipes = AdminSnapshot.of("a", 1).pipes(list, NO_OPS).toJson().getJsonObject("pipes");
    assertThat(pipes.getInteger("count")).isEqualTo(2);
    assertThat(pipes.getLong("open")).isEqualTo(1);
    assertThat(pipes.getLong("reconnects")).isEqualTo(2);
    assertThat(pipes.getLong("reconnectAttempts")).isEqualTo(3);
    JsonObject first = pipes.getJsonArray("pipes").getJsonObject(0);
    assertThat(first.getString("state")).isEqualTo("OPEN");
    assertThat(first.getDouble("roundTripMs")).isEqualTo(1.5);
    assertThat(pipes.getJsonArray("pipes").getJsonObject(1).getString("lastError")).isEqualTo("connection closed");
  }

  @Test
  void framing_section_has_success_rate_sizes_and_only_the_reasons_seen() {
    FrameMetrics metrics = new FrameMetrics(new SimpleMeterRegistry());
    metrics.parsed(FrameType.DATA, 100);
    metrics.parsed(FrameType.DATA, 5000);
    metrics.parsed(FrameType.ACK, 10);
    metrics.rejected(TransportErrorCode.CORRUPTION, "bad_checksum", "frame 7 (1): crc32c mismatch");
    JsonObject framing = AdminSnapshot.of("a", 1).framing(metrics.snapshot()).toJson().getJsonObject("framing");
    assertThat(framing.getBoolean("available")).isTrue();
    assertThat(framing.getDouble("parseSuccessRate")).isEqualTo(0.75);
    assertThat(framing.getJsonArray("sizes")).hasSize(9);
    assertThat(framing.getJsonArray("sizes").getJsonObject(1).getLong("parsed")).isEqualTo(1); // 100 B: up to 256 B
    assertThat(framing.getJsonArray("rejections")).hasSize(1);
    assertThat(framing.getJsonArray("rejections").getJsonObject(0).getString("code")).isEqualTo("CORRUPTION");
    assertThat(framing.getJsonArray("latest").getJsonObject(0).getString("detail")).contains("crc32c mismatch");
  }

  @Test
  void a_layer_that_did_not_answer_is_marked_and_the_rest_still_shows() {
    JsonObject json = AdminSnapshot.of("a", 1).health(health(true))
      .unavailable("dht", new JuiceException(ErrorCode.UNAVAILABLE, "no handlers"))
      .toJson();
    assertThat(json.getJsonObject("dht").getBoolean("available")).isFalse();
    assertThat(json.getJsonObject("dht").getString("error")).isEqualTo("UNAVAILABLE");
    assertThat(json.getJsonObject("health").getBoolean("up")).isTrue();
    assertThat(json.getJsonObject("cluster").getInteger("members")).isEqualTo(2);
  }

  @Test
  void operations_give_per_layer_success_rates_and_recent_errors() {
    OperationStats stats = new OperationStats();
    Instrumented instrumented = new Instrumented(new SimpleMeterRegistry(), stats, "a");
    instrumented.run(Layer.DHT, "get", "k", () -> Future.succeededFuture(1));
    instrumented.run(Layer.DHT, "get", "k", () -> Future.succeededFuture(1));
    instrumented.run(Layer.DHT, "put", "k", () -> Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "x")));
    JsonObject json = AdminSnapshot.of("a", 1).operations(stats).toJson();
    assertThat(json.getJsonObject("operations").getJsonArray("layers")).hasSize(1);
    JsonObject dht = json.getJsonObject("operations").getJsonArray("layers").getJsonObject(0);
    assertThat(dht.getString("layer")).isEqualTo("dht");
    assertThat(dht.getString("tag")).isEqualTo("DHT");
    assertThat(dht.getDouble("successRate")).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(json.getJsonArray("recentErrors")).hasSize(1);
    assertThat(json.getJsonArray("recentErrors").getJsonObject(0).getString("error")).isEqualTo("CONFLICT");
  }
}
