package org.juicetokens.common;

/**
 * Every event-bus address of the node, in one place: {@code jt.<layer>.<operation>}.
 * Node-local services (storage, time readings, DHT access through this node's member)
 * are registered with {@code localConsumer}, so a clustered bus never routes them to
 * another node. Point-to-point addresses of a given node are built by {@link #node}.
 */
public final class Addresses {
  private Addresses() {
  }

  // foundation/storage (node-local)
  public static final String STORAGE_PUT = "jt.foundation.storage.put";
  public static final String STORAGE_GET = "jt.foundation.storage.get";
  public static final String STORAGE_DELETE = "jt.foundation.storage.delete";
  public static final String STORAGE_SCAN = "jt.foundation.storage.scan";
  public static final String STORAGE_CLEAR = "jt.foundation.storage.clear";
  public static final String STORAGE_BATCH = "jt.foundation.storage.batch";
  public static final String STORAGE_STATS = "jt.foundation.storage.stats";

  // foundation/dht (node-local: the operation runs through this node's Hazelcast member)
  public static final String DHT_PUT = "jt.foundation.dht.put";
  public static final String DHT_GET = "jt.foundation.dht.get";
  public static final String DHT_REMOVE = "jt.foundation.dht.remove";
  public static final String DHT_STATS = "jt.foundation.dht.stats";
  /** Point-to-point (see node()): one member's own entry counts per DHT map. */
  public static final String DHT_LOCAL_STATS_SUFFIX = "dht.localStats";

  // foundation/time (node-local reading; the peer ping is point-to-point, see node())
  public static final String TIME_NOW = "jt.foundation.time.now";
  public static final String TIME_PING_SUFFIX = "time.ping";
  /** Published (node-local) when this node's time status changes; body: the new TimeReading. */
  public static final String TIME_STATUS = "jt.foundation.time.status";

  // transport/pipe (node-local)
  /** PipeListRequest → PipeList: every pipe of this node with its state and figures. */
  public static final String PIPE_LIST = "jt.transport.pipe.list";
  /** PipeSendRequest → PipeSendResult: a message over a pipe (by pipe id or peer node id). */
  public static final String PIPE_SEND = "jt.transport.pipe.send";
  /** Published for every message a pipe delivered (exactly once, in order); body: PipeDelivery. */
  public static final String PIPE_DELIVERED = "jt.transport.pipe.delivered";

  // transport/discovery (node-local)
  public static final String DISCOVERY_DISCOVER = "jt.transport.discovery.discover";
  public static final String DISCOVERY_PEERS = "jt.transport.discovery.peers";
  public static final String DISCOVERY_STATS = "jt.transport.discovery.stats";

  // transport/framing (node-local: this node's frame codec counters for the admin console)
  public static final String FRAMING_STATS = "jt.transport.framing.stats";

  // trust/identity (node-local)
  /** IdentityLookup → IdentityView: the current identity document from the DHT, verified (NOT_FOUND when unknown). */
  public static final String IDENTITY_GET = "jt.trust.identity.get";
  /**
   * IdentitySignRequest → IdentitySignature: signs with the active key of an identity homed on this
   * node (NOT_FOUND when it is not homed here, PERMISSION_DENIED when revoked). Node-local only.
   */
  public static final String IDENTITY_SIGN = "jt.trust.identity.sign";

  // token/telomere (node-local)
  /** TelomereStatsRequest → TelomereStats: this node's telomere transformations and verifications. */
  public static final String TELOMERE_STATS = "jt.token.telomere.stats";

  // governance
  public static final String HEALTH_DETAILS = "jt.governance.health.details";
  /** Published (node-local) when cluster membership changes; body: JSON {event, nodeId}. */
  public static final String CLUSTER_MEMBERSHIP = "jt.foundation.cluster.membership";

  /** A point-to-point address of one node: {@code jt.node.<nodeId>.<suffix>}. */
  public static String node(String nodeId, String suffix) {
    return "jt.node." + nodeId + "." + suffix;
  }
}
