package org.juicetokens.governance.admin;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.dht.proto.DhtStats;
import org.juicetokens.foundation.dht.proto.DhtStatsRequest;
import org.juicetokens.foundation.storage.proto.StorageStats;
import org.juicetokens.foundation.storage.proto.StorageStatsRequest;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.governance.metrics.OperationStats;
import org.juicetokens.transport.pipe.proto.PipeList;
import org.juicetokens.transport.pipe.proto.PipeListRequest;

import org.juicetokens.transport.discovery.proto.DiscoveryStats;
import org.juicetokens.transport.discovery.proto.DiscoveryStatsRequest;

import org.juicetokens.transport.framing.proto.FramingStats;
import org.juicetokens.transport.framing.proto.FramingStatsRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers one {@link AdminSnapshot}: the health checks and one request each to storage, DHT,
 * time, discovery, framing and pipes (by address, with the node's timeout) and every {@link AdminSections} section, all at once. A gathering younger than half the
 * snapshot interval is shared, so many open consoles cost the layers no more than one.
 * Used from one event loop (the HTTP verticle's), hence no locking.
 */
public final class AdminSnapshotSource {
  private final EventBus bus;
  private final HealthChecks health;
  private final OperationStats stats;
  private final String nodeId;
  private final long timeoutMs;
  private final long shareForMs;
  private final long intervalMs;

  private Future<JsonObject> latest;
  private long latestAtMs;

  public AdminSnapshotSource(EventBus bus, HealthChecks health, OperationStats stats, String nodeId, long timeoutMs, long intervalMs) {
    this.bus = bus;
    this.health = health;
    this.stats = stats;
    this.nodeId = nodeId;
    this.timeoutMs = timeoutMs;
    this.shareForMs = intervalMs / 2;
    this.intervalMs = intervalMs;
  }

  public Future<JsonObject> next() {
    long now = System.currentTimeMillis();
    if (latest != null && now - latestAtMs < shareForMs) {
      return latest;
    }
    latestAtMs = now;
    latest = gather(now);
    return latest;
  }

  private Future<JsonObject> gatherSection(AdminSection section) {
    try {
      return section.gather(bus, timeoutMs, stats);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<JsonObject> gather(long now) {
    var checks = health.checkStatus();
    var storage = Bus.request(bus, Addresses.STORAGE_STATS, StorageStatsRequest.getDefaultInstance(), timeoutMs, StorageStats.class);
    var dht = Bus.request(bus, Addresses.DHT_STATS, DhtStatsRequest.getDefaultInstance(), timeoutMs, DhtStats.class);
    var time = Bus.request(bus, Addresses.TIME_NOW, TimeRequest.getDefaultInstance(), timeoutMs, TimeReading.class);
    var discovery = Bus.request(bus, Addresses.DISCOVERY_STATS, DiscoveryStatsRequest.getDefaultInstance(), timeoutMs, DiscoveryStats.class);
    var framing = Bus.request(bus, Addresses.FRAMING_STATS, FramingStatsRequest.getDefaultInstance(), timeoutMs, FramingStats.class);
    var pipes = Bus.request(bus, Addresses.PIPE_LIST, PipeListRequest.getDefaultInstance(), timeoutMs, PipeList.class);
    List<AdminSection> sections = AdminSections.all();
    List<Future<JsonObject>> sectionResults = sections.stream().map(section -> gatherSection(section)).toList();
    List<Future<?>> all = new ArrayList<>(List.of(checks, storage, dht, time, discovery, framing, pipes));
    all.addAll(sectionResults);
    return Future.join(all).transform(ignored -> {
      AdminSnapshot snapshot = AdminSnapshot.of(nodeId, now);
      if (checks.succeeded()) {
        snapshot.health(checks.result());
      } else {
        snapshot.healthUnavailable(checks.cause());
      }
      if (storage.succeeded()) {
        snapshot.storage(storage.result(), stats.layerTotals(Layer.STORAGE));
      } else {
        snapshot.unavailable("storage", storage.cause());
      }
      if (dht.succeeded()) {
        snapshot.dht(dht.result(), stats.layerTotals(Layer.DHT));
      } else {
        snapshot.unavailable("dht", dht.cause());
      }
      if (time.succeeded()) {
        snapshot.time(time.result());
      } else {
        snapshot.unavailable("time", time.cause());
      }
      if (discovery.succeeded()) {
        snapshot.discovery(discovery.result(), stats.layerTotals(Layer.DISCOVERY));
      } else {
        snapshot.unavailable("discovery", discovery.cause());
      }
      if (framing.succeeded()) {
        snapshot.framing(framing.result());
      } else {
        snapshot.unavailable("framing", framing.cause());
      }
      if (pipes.succeeded()) {
        snapshot.pipes(pipes.result(), stats.layerTotals(Layer.PIPE));
      } else {
        snapshot.unavailable("pipes", pipes.cause());
      }
      for (int i = 0; i < sections.size(); i++) {
        Future<JsonObject> result = sectionResults.get(i);
        if (result.succeeded()) {
          snapshot.section(sections.get(i).name(), result.result());
        } else {
          snapshot.unavailable(sections.get(i).name(), result.cause());
        }
      }
      // the interval lets the console tell a stale page (no snapshot for two intervals) from a quiet node
      return Future.succeededFuture(snapshot.operations(stats).toJson().put("intervalMs", intervalMs));
    });
  }
}
