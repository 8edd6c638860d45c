package org.juicetokens.governance.health;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

/** The health.* settings the health verticle evaluates with (see Settings for each). */
public record HealthSettings(long probeIntervalMs, long evaluateIntervalMs, EventLoopHealth eventLoop, WorkerPoolHealth workers,
                             ResourceHealth resources) {

  public static HealthSettings from(NodeConfig config) {
    return new HealthSettings(
      config.longValue(Settings.HEALTH_PROBE_MS),
      config.longValue(Settings.HEALTH_EVALUATE_MS),
      new EventLoopHealth(new Threshold(config.longValue(Settings.HEALTH_EVENT_LOOP_DEGRADED_MS), config.longValue(Settings.HEALTH_EVENT_LOOP_DOWN_MS))),
      new WorkerPoolHealth(new Threshold(config.integer(Settings.HEALTH_WORKER_QUEUE_DEGRADED), config.integer(Settings.HEALTH_WORKER_QUEUE_DOWN))),
      new ResourceHealth(
        Threshold.degradedOnly(config.doubleValue(Settings.HEALTH_CPU_DEGRADED_PERCENT)),
        new Threshold(config.doubleValue(Settings.HEALTH_HEAP_DEGRADED_PERCENT), config.doubleValue(Settings.HEALTH_HEAP_DOWN_PERCENT)),
        new Threshold(config.doubleValue(Settings.HEALTH_FILES_DEGRADED_PERCENT), config.doubleValue(Settings.HEALTH_FILES_DOWN_PERCENT))));
  }
}
