package org.juicetokens.transport.pipe;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

/** The numbers of PROTOCOL.md §Transport that govern one pipe, read once from the settings. */
public record PipeLimits(long heartbeatMs, long idleMs, long retransmitMs, int maxRetransmits, long backoffMinMs,
                         long backoffMaxMs, long resumptionTtlMs, int outboxMessages, long outboxBytes, int maxInFlight,
                         int ackEvery, long ackDelayMs, int maxSessions, long handshakeMs, int writeQueueBytes, long stallMs) {

  public PipeLimits {
    if (heartbeatMs <= 0 || idleMs <= 0 || retransmitMs <= 0 || maxRetransmits < 0 || backoffMinMs <= 0
      || backoffMaxMs < backoffMinMs || resumptionTtlMs <= 0 || outboxMessages <= 0 || outboxBytes <= 0
      || maxInFlight <= 0 || ackEvery <= 0 || ackDelayMs <= 0 || maxSessions <= 0 || handshakeMs <= 0 || writeQueueBytes <= 0
      || stallMs <= 0) {
      throw new IllegalArgumentException("pipe limits out of range: " + PipeLimits.this);
    }
  }

  public static PipeLimits from(NodeConfig c) {
    return new PipeLimits(c.longValue(Settings.PIPE_HEARTBEAT_MS), c.longValue(Settings.PIPE_IDLE_MS),
      c.longValue(Settings.PIPE_RETRANSMIT_MS), c.integer(Settings.PIPE_MAX_RETRANSMITS),
      c.longValue(Settings.PIPE_BACKOFF_MIN_MS), c.longValue(Settings.PIPE_BACKOFF_MAX_MS),
      c.longValue(Settings.PIPE_RESUMPTION_TTL_MS), c.integer(Settings.PIPE_OUTBOX_MESSAGES),
      c.longValue(Settings.PIPE_OUTBOX_BYTES), c.integer(Settings.PIPE_MAX_IN_FLIGHT), c.integer(Settings.PIPE_ACK_EVERY),
      c.longValue(Settings.PIPE_ACK_DELAY_MS), c.integer(Settings.PIPE_MAX_SESSIONS), c.longValue(Settings.PIPE_HANDSHAKE_MS),
      c.integer(Settings.PIPE_WRITE_QUEUE_BYTES), c.longValue(Settings.PIPE_STALL_MS));
  }

  /** The documented defaults. */
  public static PipeLimits defaults() {
    return from(NodeConfig.of(java.util.Map.of()));
  }
}
