package org.juicetokens.transport.discovery;

import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.Peer;

import java.util.List;

/**
 * A peer as one discovery method found it, before the table adds when it was seen and how
 * reliably. {@code nodeId} is empty when the method cannot know it (DNS, STATIC: the node id
 * comes with the pipe handshake); such peers are identified by their pipe endpoint.
 *
 * @param name the configured name or endpoint it came from (DNS, STATIC), empty for CLUSTER
 */
public record PeerCandidate(String nodeId, List<String> addresses, String pipeEndpoint, String version,
                            DiscoveryMethod method, String name) {

  public PeerCandidate {
    addresses = List.copyOf(addresses);
  }

  /** The peer's identity for de-duplication: its node id, else its pipe endpoint. */
  public String key() {
    return nodeId.isEmpty() ? pipeEndpoint : nodeId;
  }

  public Peer toPeer(long lastSeenMs, double reliability) {
    return Peer.newBuilder()
      .setId(key())
      .addAllAddresses(addresses)
      .setPipeEndpoint(pipeEndpoint)
      .setVersion(version)
      .setLastSeenMs(lastSeenMs)
      .setReliability(reliability)
      .setMethod(method)
      .setName(name)
      .build();
  }
}
