package org.juicetokens.governance.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The "workers" component: tasks queued for a thread in any worker pool against
 * health.workerQueueDegraded / health.workerQueueDown (a queue means callers wait: the node is
 * slower, not broken). Load = the busiest pool's running tasks as a share of its size.
 */
public record WorkerPoolHealth(Threshold queued) {

  public JsonObject evaluate(List<WorkerPools.Reading> pools) {
    ComponentStatus status = ComponentStatus.UP;
    double load = 0;
    long mostQueued = 0;
    String busiest = "";
    JsonArray list = new JsonArray();
    for (WorkerPools.Reading pool : pools) {
      status = status.worst(queued.status(pool.pending()));
      if (pool.pending() > mostQueued) {
        mostQueued = pool.pending();
        busiest = pool.name();
      }
      double usage = pool.usageRatio() < 0 ? 0 : pool.usageRatio() * 100;
      load = Math.max(load, usage);
      list.add(new JsonObject().put("name", pool.name()).put("queued", pool.pending()).put("active", pool.inUse())
        .put("usagePercent", pool.usageRatio() < 0 ? -1 : Load.percent(usage)));
    }
    JsonObject data = new JsonObject().put("pools", list).put("mostQueued", mostQueued)
      .put(ComponentStatus.LOAD_KEY, Load.percent(load)).put(ComponentStatus.KEY, status.name());
    if (status != ComponentStatus.UP) {
      data.put(ComponentStatus.REASON_KEY, mostQueued + " tasks waiting for a thread of worker pool " + busiest);
    }
    return data;
  }
}
