package org.juicetokens.governance.health;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The "resources" component: process CPU, heap used of max and open file descriptors of the
 * maximum, each against its {@link Threshold} (health.cpu*, health.heap*, health.openFiles*).
 * Status = the worst of the three; load = the highest of the three percentages (not of the limits). A figure the
 * JVM cannot tell (-1) counts as neither load nor reason.
 */
public record ResourceHealth(Threshold cpu, Threshold heap, Threshold openFiles) {

  public JsonObject evaluate(ResourceReading r) {
    ComponentStatus status = ComponentStatus.UP;
    double load = 0;
    List<String> reasons = new ArrayList<>();
    double[] values = {r.cpuPercent(), r.heapPercent(), r.openFilesPercent()};
    Threshold[] limits = {cpu, heap, openFiles};
    String[] names = {"process CPU", "heap", "open files"};
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0) {
        continue;
      }
      ComponentStatus s = limits[i].status(values[i]);
      if (s != ComponentStatus.UP) {
        reasons.add(names[i] + " at " + Load.percent(values[i]) + " %");
      }
      status = status.worst(s);
      load = Math.max(load, values[i]);
    }
    JsonObject data = new JsonObject()
      .put("processCpuPercent", r.cpuPercent() < 0 ? -1 : Load.percent(r.cpuPercent()))
      .put("heapUsedBytes", r.heapUsedBytes())
      .put("heapMaxBytes", r.heapMaxBytes())
      .put("heapUsedPercent", r.heapPercent() < 0 ? -1 : Load.percent(r.heapPercent()))
      .put("openFiles", r.openFiles())
      .put("maxFiles", r.maxFiles())
      .put(ComponentStatus.LOAD_KEY, Load.percent(load))
      .put(ComponentStatus.KEY, status.name());
    if (!reasons.isEmpty()) {
      data.put(ComponentStatus.REASON_KEY, String.join("; ", reasons));
    }
    return data;
  }
}
