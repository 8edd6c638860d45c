package org.juicetokens.foundation.time;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.time.proto.PeerTimePing;
import org.juicetokens.foundation.time.proto.PeerTimePong;

import java.util.ArrayList;
import java.util.List;

/**
 * The PEERS source: NTP-style offset measurements to the other members of the cluster over
 * the event bus ({@code jt.node.<peerId>.time.ping}), and this node's side of the exchange
 * (the pong, stamped with this node's own clock). Peer ids are the Hazelcast member attribute
 * {@code juice.nodeId}; reading the member list is a local, non-blocking call.
 */
public final class PeerTimeSource {
  static final String NODE_ID_ATTRIBUTE = "juice.nodeId";

  private final EventBus bus;
  private final HazelcastInstance hazelcast;
  private final String selfId;
  private final Clock clock;
  private final long timeoutMs;

  public PeerTimeSource(EventBus bus, HazelcastInstance hazelcast, String selfId, Clock clock, long timeoutMs) {
    this.bus = bus;
    this.hazelcast = hazelcast;
    this.selfId = selfId;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
  }

  /** The node ids of the other current members. */
  public List<String> peerIds() {
    List<String> ids = new ArrayList<>();
    if (hazelcast == null || !hazelcast.getLifecycleService().isRunning()) {
      return ids;
    }
    for (Member member : hazelcast.getCluster().getMembers()) {
      String id = member.getAttribute(NODE_ID_ATTRIBUTE);
      if (!member.localMember() && id != null && !id.equals(selfId)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** One ping to {@code peerId}: its clock's offset from ours and the round trip. */
  public Future<ClockOffset> measure(String peerId) {
    long t1 = clock.nowMs();
    PeerTimePing ping = PeerTimePing.newBuilder().setFromNode(selfId).setOriginateMs(t1).build();
    return Bus.request(bus, Addresses.node(peerId, Addresses.TIME_PING_SUFFIX), ping, timeoutMs, PeerTimePong.class)
      .compose(pong -> {
        long t4 = clock.nowMs();
        if (pong.getOriginateMs() != t1 || !peerId.equals(pong.getNodeId())) {
          return Future.failedFuture(JuiceException.invalidArgument("peer " + peerId + " answered a different ping"));
        }
        return Future.succeededFuture(ClockOffset.of(t1, pong.getReceiveMs(), pong.getTransmitMs(), t4));
      });
  }

  /** This node's answer to a ping: the originate stamp echoed, receive and transmit from our clock. */
  public PeerTimePong answer(PeerTimePing ping, long receivedMs) {
    return PeerTimePong.newBuilder().setNodeId(selfId).setOriginateMs(ping.getOriginateMs())
      .setReceiveMs(receivedMs).setTransmitMs(clock.nowMs()).build();
  }
}
