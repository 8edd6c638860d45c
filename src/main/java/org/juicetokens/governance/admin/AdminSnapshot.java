package org.juicetokens.governance.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.proto.DhtMember;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.juicetokens.foundation.storage.proto.StorageStats;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceReading;
import org.juicetokens.governance.health.ClusterHealth;
import org.juicetokens.governance.health.HealthModel;
import org.juicetokens.governance.health.HealthReport;
import org.juicetokens.governance.health.HealthVerdict;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.transport.pipe.proto.PipeInfo;
import org.juicetokens.transport.pipe.proto.PipeList;
import org.juicetokens.transport.pipe.proto.PipeState;
import org.juicetokens.transport.pipe.proto.PipeStats;
import org.juicetokens.transport.discovery.proto.DiscoveryStats;
import org.juicetokens.transport.discovery.proto.Peer;
import org.juicetokens.transport.framing.proto.FrameRejection;
import org.juicetokens.transport.framing.proto.FrameRejectionCount;
import org.juicetokens.transport.framing.proto.FrameSizeBucket;
import org.juicetokens.transport.framing.proto.FrameTypeCount;
import org.juicetokens.transport.framing.proto.FramingStats;

import java.util.List;

/**
 * One admin-console snapshot, as JSON: node, health (every procedure), cluster, storage, DHT,
 * time, discovery (peers), framing and operations. Plain code over what the layers answered; a layer that did not answer
 * appears as {@code {"available": false, "error": CODE, "message": ...}} and the rest still shows.
 * Numbers stay numbers (the console draws them), unlike the proto3 JSON of the API.
 */
public final class AdminSnapshot {
  private final JsonObject json;

  private AdminSnapshot(String nodeId, long atMs) {
    json = new JsonObject().put("nodeId", nodeId).put("atMs", atMs);
  }

  public static AdminSnapshot of(String nodeId, long atMs) {
    return new AdminSnapshot(nodeId, atMs);
  }

  public AdminSnapshot health(CheckResult result) {
    JsonArray components = new JsonArray();
    JsonObject cluster = null;
    HealthVerdict verdict = HealthModel.evaluate(result);
    for (CheckResult check : result.getChecks() == null ? List.<CheckResult>of() : result.getChecks()) {
      JsonObject data = HealthReport.data(check);
      JsonObject component = new JsonObject().put("id", check.getId()).put("up", CheckResult.isUp(check)).put("data", data);
      verdict.component(String.valueOf(check.getId())).ifPresent(v -> component.put("status", v.status().name())
        .put("loadPercent", v.loadPercent()).put("reason", v.reason()));
      components.add(component);
      if (ClusterHealth.ID.equals(check.getId())) {
        cluster = data;
      }
    }
    JsonObject health = new JsonObject().put("up", CheckResult.isUp(result)).put("status", verdict.overall().name())
      .put("loadPercent", verdict.loadPercent()).put("components", components);
    verdict.component("resources").ifPresent(r -> health.put("resources", r.data()));
    verdict.component("eventloop").ifPresent(e -> health.put("eventLoopDelayMs", e.data().getValue("delayMs")));
    json.put("health", health);
    if (cluster != null) {
      json.put("cluster", cluster);
    }
    return this;
  }

  public AdminSnapshot healthUnavailable(Throwable failure) {
    json.put("health", unavailable(failure).put("up", false).put("components", new JsonArray()));
    return this;
  }

  /** Storage: its health procedure, counters, utilisation of the disk, and success rate of its operations. */
  public AdminSnapshot storage(StorageStats s, JsonObject operations) {
    long ops = s.getReads() + s.getWrites() + s.getDeletes() + s.getBatches() + s.getScans();
    long disk = s.getSizeOnDiskBytes() + s.getDiskFreeBytes();
    JsonArray families = new JsonArray();
    s.getFamiliesList().forEach(f -> families.add(new JsonObject().put("name", f.getName())
      .put("estimatedKeys", f.getEstimatedKeys()).put("liveDataBytes", f.getLiveDataBytes())));
    json.put("storage", new JsonObject()
      .put("available", true)
      .put("up", componentUp("storage", s.getOpen()))
      .put("open", s.getOpen())
      .put("path", s.getPath())
      .put("sizeOnDiskBytes", s.getSizeOnDiskBytes())
      .put("diskFreeBytes", s.getDiskFreeBytes())
      .put("utilisation", disk == 0 ? 0.0 : (double) s.getSizeOnDiskBytes() / disk)
      .put("reads", s.getReads()).put("writes", s.getWrites()).put("deletes", s.getDeletes())
      .put("batches", s.getBatches()).put("scans", s.getScans())
      .put("syncs", s.getSyncs()).put("syncedWrites", s.getSyncedWrites())
      .put("bytesWritten", s.getBytesWritten()).put("bytesRead", s.getBytesRead())
      .put("operations", ops)
      .put("errors", s.getErrors())
      .put("successRate", ops + s.getErrors() == 0 ? 1.0 : (double) ops / (ops + s.getErrors()))
      .put("lastError", s.getLastError())
      .put("families", families)
      .put("instrumented", operations));
    return this;
  }

  /** DHT: members with their connection and owned entries, lookup latency, counters. */
  public AdminSnapshot dht(DhtStats d, JsonObject operations) {
    JsonArray members = new JsonArray();
    for (DhtMember m : d.getMembersList()) {
      members.add(new JsonObject().put("nodeId", m.getNodeId()).put("address", m.getAddress()).put("local", m.getLocal())
        .put("connected", m.getConnected()).put("ownedEntries", m.getOwnedEntries()).put("backupEntries", m.getBackupEntries()));
    }
    JsonArray maps = new JsonArray();
    d.getMapsList().forEach(m -> maps.add(new JsonObject().put("name", m.getName()).put("localOwnedEntries", m.getLocalOwnedEntries())
      .put("localBackupEntries", m.getLocalBackupEntries()).put("backupCount", m.getBackupCount())));
    long ops = d.getGets() + d.getPuts() + d.getRemoves();
    json.put("dht", new JsonObject()
      .put("available", true)
      .put("up", componentUp("dht", true))
      .put("clusterSize", d.getClusterSize())
      .put("clusterState", d.getClusterState())
      .put("members", members)
      .put("maps", maps)
      .put("gets", d.getGets()).put("puts", d.getPuts()).put("removes", d.getRemoves()).put("errors", d.getErrors())
      .put("successRate", ops + d.getErrors() == 0 ? 1.0 : (double) ops / (ops + d.getErrors()))
      .put("getLatencyP50Ms", d.getGetLatencyP50Ms()).put("getLatencyP99Ms", d.getGetLatencyP99Ms())
      .put("putLatencyP50Ms", d.getPutLatencyP50Ms()).put("putLatencyP99Ms", d.getPutLatencyP99Ms())
      .put("instrumented", operations));
    return this;
  }

  /** Discovery: the peer table, peers found per method, round duration and success rate, refused advertisements. */
  public AdminSnapshot discovery(DiscoveryStats d, JsonObject operations) {
    JsonArray peers = new JsonArray();
    for (Peer p : d.getPeersList()) {
      peers.add(new JsonObject().put("id", p.getId()).put("method", p.getMethod().name()).put("pipeEndpoint", p.getPipeEndpoint())
        .put("version", p.getVersion()).put("lastSeenMs", p.getLastSeenMs()).put("reliability", p.getReliability()));
    }
    JsonObject byMethod = new JsonObject();
    d.getByMethodList().forEach(m -> byMethod.put(m.getMethod().name(), m.getPeers()));
    JsonObject rejected = new JsonObject();
    d.getRejectedList().forEach(r -> rejected.put(r.getReason(), r.getCount()));
    json.put("discovery", new JsonObject()
      .put("available", true)
      .put("up", componentUp("discovery", true))
      .put("pipeEndpoint", d.getPipeEndpoint())
      .put("activePeers", d.getPeersCount())
      .put("peers", peers)
      .put("foundByMethod", byMethod)
      .put("rounds", d.getRounds())
      .put("successfulRounds", d.getSuccessfulRounds())
      .put("successRate", d.getRounds() == 0 ? 1.0 : (double) d.getSuccessfulRounds() / d.getRounds())
      .put("lastDurationMs", d.getLastDurationMs())
      .put("meanDurationMs", d.getMeanDurationMs())
      .put("rejected", rejected)
      .put("instrumented", operations));
    return this;
  }

  public AdminSnapshot time(TimeReading t) {
    json.put("time", time(t, System.currentTimeMillis()));
    return this;
  }

  /** A time reading as the console shows it (also the body of the discrete {@code time} event). */
  public static JsonObject time(TimeReading t, long localMs) {
    JsonArray sources = new JsonArray();
    for (TimeSourceReading s : t.getSourcesList()) {
      sources.add(new JsonObject().put("type", s.getType().name()).put("name", s.getName()).put("offsetMs", s.getOffsetMs())
        .put("roundTripMs", s.getRoundTripMs()).put("confidence", s.getConfidence()).put("lastSeenMs", s.getLastSeenMs())
        .put("excluded", s.getExcluded()).put("error", s.getError()));
    }
    return new JsonObject()
      .put("available", true)
      .put("timestampMs", t.getTimestampMs())
      .put("localMs", localMs)
      .put("status", t.getStatus().name())
      .put("confidence", t.getConfidence())
      .put("consensusOffsetMs", t.getConsensusOffsetMs())
      .put("jumpSuspected", t.getJumpSuspected())
      .put("reason", t.getReason())
      .put("sources", sources);
  }

  /** Pipes: each pipe's status and figures (the console derives throughput from consecutive snapshots). */
  public AdminSnapshot pipes(PipeList list, JsonObject operations) {
    JsonArray pipes = new JsonArray();
    long open = 0;
    long reconnects = 0;
    long attempts = 0;
    for (PipeInfo p : list.getPipesList()) {
      PipeStats st = p.getStats();
      open += p.getState() == PipeState.OPEN ? 1 : 0;
      reconnects += st.getReconnects();
      attempts += st.getReconnectAttempts();
      pipes.add(new JsonObject().put("id", p.getId()).put("peerNodeId", p.getPeerNodeId()).put("direction", p.getDirection().name())
        .put("state", p.getState().name()).put("endpoint", p.getEndpoint()).put("lastError", p.getLastError())
        .put("messagesSent", st.getMessagesSent()).put("messagesReceived", st.getMessagesReceived())
        .put("bytesSent", st.getBytesSent()).put("bytesReceived", st.getBytesReceived())
        .put("roundTripMs", st.getRoundTripMs()).put("uptimeMs", st.getUptimeMs())
        .put("reconnects", st.getReconnects()).put("reconnectAttempts", st.getReconnectAttempts())
        .put("errors", st.getErrors()).put("lost", st.getLost()).put("inFlight", st.getInFlight()).put("outbox", st.getOutbox()));
    }
    json.put("pipes", new JsonObject().put("available", true).put("up", componentUp("pipe", true))
      .put("count", list.getPipesCount()).put("open", open).put("reconnects", reconnects).put("reconnectAttempts", attempts)
      .put("pipes", pipes).put("instrumented", operations));
    return this;
  }

  /** Framing: parse success rate, frames by type, size distribution, rejections by reason and the latest ones. */
  public AdminSnapshot framing(FramingStats f) {
    JsonArray types = new JsonArray();
    for (FrameTypeCount t : f.getTypesList()) {
      types.add(new JsonObject().put("type", t.getType()).put("built", t.getBuilt()).put("parsed", t.getParsed()));
    }
    JsonArray sizes = new JsonArray();
    for (FrameSizeBucket b : f.getSizesList()) {
      sizes.add(new JsonObject().put("leBytes", b.getLeBytes()).put("built", b.getBuilt()).put("parsed", b.getParsed()));
    }
    JsonArray reasons = new JsonArray();
    for (FrameRejectionCount r : f.getRejectionsList()) {
      if (r.getCount() > 0) {
        reasons.add(new JsonObject().put("reason", r.getReason()).put("code", r.getCode()).put("count", r.getCount()));
      }
    }
    JsonArray latest = new JsonArray();
    for (FrameRejection r : f.getLatestList()) {
      latest.add(new JsonObject().put("atMs", r.getAtMs()).put("code", r.getCode()).put("reason", r.getReason()).put("detail", r.getDetail()));
    }
    json.put("framing", new JsonObject()
      .put("available", true)
      .put("built", f.getBuilt()).put("parsed", f.getParsed()).put("rejected", f.getRejected())
      .put("parseSuccessRate", f.getParseSuccessRate())
      .put("types", types).put("sizes", sizes).put("rejections", reasons).put("latest", latest));
    return this;
  }

  /** Per-layer success rates of every operation seen, the operations themselves and the recent errors. */
  public AdminSnapshot operations(OperationStats stats) {
    JsonObject all = stats.snapshot();
    JsonArray layers = new JsonArray();
    for (Layer layer : Layer.values()) {
      JsonObject totals = stats.layerTotals(layer);
      if (totals.getLong("ok") + totals.getLong("failed") > 0) {
        layers.add(totals.put("layer", layer.tag()).put("tag", layer.logTag()));
      }
    }
    json.put("operations", new JsonObject().put("layers", layers).put("operations", all.getJsonArray("operations")));
    json.put("recentErrors", all.getJsonArray("recentErrors"));
    return this;
  }

  /** Marks a section as not answered. */
  /** A section gathered by an {@link AdminSection}, put as it is (marked available). */
  public AdminSnapshot section(String name, JsonObject section) {
    json.put(name, section.copy().put("available", true));
    return this;
  }

  public AdminSnapshot unavailable(String section, Throwable failure) {
    json.put(section, unavailable(failure));
    return this;
  }

  public JsonObject toJson() {
    return json;
  }

  private static JsonObject unavailable(Throwable failure) {
    JuiceException je = Errors.toJuice(failure);
    return new JsonObject().put("available", false).put("error", je.code().name()).put("message", je.getMessage());
  }

  /** The component's health when it registered a procedure, else what the layer itself reports. */
  private boolean componentUp(String id, boolean fallback) {
    JsonObject health = json.getJsonObject("health");
    if (health == null || health.getJsonArray("components") == null) {
      return fallback;
    }
    for (Object c : health.getJsonArray("components")) {
      JsonObject component = (JsonObject) c;
      if (id.equals(component.getString("id"))) {
        return component.getBoolean("up", fallback);
      }
    }
    return fallback;
  }
}
