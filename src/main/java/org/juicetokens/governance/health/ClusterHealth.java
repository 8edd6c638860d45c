package org.juicetokens.governance.health;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The "cluster" health procedure: UP while this node's Hazelcast member runs with the members it
 * should have, DEGRADED with fewer ({@link MembershipHealth}: a member gone or the cluster cut),
 * DOWN when the member is not running. Its data names the members (by node id) so an operator
 * sees at a glance who is in the cluster. Reading the member list is local to the member (no
 * network call), so it is safe on the event loop.
 */
public final class ClusterHealth {
  public static final String ID = "cluster";
  /** The member attribute carrying the node id (set by ClusterConfigFactory). */
  static final String NODE_ID_ATTRIBUTE = "juice.nodeId";

  private final HazelcastInstance hazelcast;
  private final String localNodeId;
  private final MembershipHealth membership;

  public ClusterHealth(HazelcastInstance hazelcast, String localNodeId, MembershipHealth membership) {
    this.hazelcast = hazelcast;
    this.localNodeId = localNodeId;
    this.membership = membership;
  }

  /** Registers the procedure; every check runs through the instrumentation wrapper (layer health). */
  public void register(HealthChecks health, Instrumented instrumented) {
    health.register(ID, promise -> instrumented.run(Layer.HEALTH, "check", "procedure=" + ID,
      () -> Future.succeededFuture(current())).onComplete(promise));
  }

  /** The status now, read from the local member. */
  public Status current() {
    boolean running = hazelcast.getLifecycleService().isRunning();
    if (!running) {
      return evaluate(false, List.of(), localNodeId, "");
    }
    Collection<Member> members = hazelcast.getCluster().getMembers();
    List<String> ids = members.stream()
      .map(m -> Objects.requireNonNullElse(m.getAttribute(NODE_ID_ATTRIBUTE), m.getAddress().toString()))
      .sorted()
      .toList();
    return evaluate(true, ids, localNodeId, hazelcast.getCluster().getClusterState().name(), membership);
  }

  /** As {@link #evaluate(boolean, List, String, String)}, DEGRADED below the expected member count. */
  static Status evaluate(boolean running, List<String> memberNodeIds, String localNodeId, String clusterState,
                         MembershipHealth membership) {
    Status status = evaluate(running, memberNodeIds, localNodeId, clusterState);
    if (!running) {
      return status;
    }
    JsonObject data = status.getData().put("expectedMembers", Math.max(membership.expected(), memberNodeIds.size()));
    if (membership.observe(memberNodeIds.size()) == ComponentStatus.DEGRADED) {
      data.put("expectedMembers", membership.expected()).put(ComponentStatus.REASON_KEY, memberNodeIds.size() + " of "
        + membership.expected() + " expected members: a member left or the cluster is cut");
      return ComponentStatus.DEGRADED.toStatus(data);
    }
    return ComponentStatus.UP.toStatus(data);
  }

  /** The status for a member that is (not) running with these members; pure, for tests. */
  static Status evaluate(boolean running, List<String> memberNodeIds, String localNodeId, String clusterState) {
    JsonObject data = new JsonObject()
      .put("running", running)
      .put("localNodeId", localNodeId)
      .put("members", memberNodeIds.size())
      .put("memberNodeIds", new JsonArray(memberNodeIds));
    if (!clusterState.isEmpty()) {
      data.put("state", clusterState);
    }
    return running ? ComponentStatus.UP.toStatus(data)
      : ComponentStatus.DOWN.toStatus(data.put(ComponentStatus.REASON_KEY, "the Hazelcast member is not running"));
  }
}
