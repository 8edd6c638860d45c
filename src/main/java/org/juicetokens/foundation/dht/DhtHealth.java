package org.juicetokens.foundation.dht;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.foundation.dht.proto.DhtMember;
import org.juicetokens.governance.health.ComponentStatus;
import org.juicetokens.governance.health.MembershipHealth;

import java.util.List;
import java.util.Set;

/**
 * The "dht" health procedure: UP while this node's Hazelcast member runs and the cluster
 * accepts writes (state ACTIVE, or NO_MIGRATION which still serves every operation); DOWN when
 * the member is stopped or the cluster is FROZEN, PASSIVE or changing state. A cluster smaller
 * than backupCount + 1 is still UP (a node alone is a valid cluster) but says its values have
 * fewer copies than configured. With a {@link MembershipHealth}, fewer members than expected
 * (a member gone, the cluster cut) is DEGRADED: the DHT still answers, from fewer copies.
 */
public final class DhtHealth {
  private static final Set<String> SERVING = Set.of("ACTIVE", "NO_MIGRATION");

  private DhtHealth() {
  }

  /** With the membership expectation: DEGRADED below the expected member count. */
  public static Status of(Dht dht, MembershipHealth membership) {
    Status status = of(dht);
    if (!status.isOk()) {
      return status;
    }
    JsonObject data = status.getData();
    int size = data.getInteger("clusterSize");
    if (membership.observe(size) == ComponentStatus.DEGRADED) {
      return ComponentStatus.DEGRADED.toStatus(data.put("expectedMembers", membership.expected())
        .put(ComponentStatus.REASON_KEY, size + " of " + membership.expected() + " expected members: values have fewer copies"));
    }
    return ComponentStatus.UP.toStatus(data.put("expectedMembers", membership.expected()));
  }

  public static Status of(Dht dht) {
    String state = dht.clusterState();
    List<DhtMember> members = dht.members();
    JsonObject data = new JsonObject()
      .put("clusterSize", members.size())
      .put("members", new JsonArray(members.stream().map(DhtMember::getNodeId).toList()))
      .put("clusterState", state)
      .put("replicas", dht.isRunning() ? dht.replicas(DhtMaps.KV) : 0);
    if (!dht.isRunning()) {
      return ComponentStatus.DOWN.toStatus(data.put("reason", "the Hazelcast member of this node is not running"));
    }
    if (!SERVING.contains(state)) {
      return ComponentStatus.DOWN.toStatus(data.put("reason", "cluster state " + state + " refuses writes"));
    }
    return ComponentStatus.UP.toStatus(data);
  }
}
