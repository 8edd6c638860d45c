package org.juicetokens.transport.discovery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.function.Predicate;

/**
 * Recognises this node among discovered peers: by node id, by its own pipe endpoint, or by an
 * address of this machine with this node's HTTP port (a DNS name that includes this node, as
 * docker-compose's {@code JT_PEERS=node1,node2,node3} does on node1).
 */
public final class SelfCheck {
  private final String nodeId;
  private final String ownEndpoint;
  private final int httpPort;
  private final Predicate<InetAddress> localAddress;

  public SelfCheck(String nodeId, String ownEndpoint, int httpPort, Predicate<InetAddress> localAddress) {
    this.nodeId = nodeId;
    this.ownEndpoint = ownEndpoint;
    this.httpPort = httpPort;
    this.localAddress = localAddress;
  }

  /** Addresses of this machine's interfaces (all of 127/8 and ::1, which loopback answers, and the wildcard). May block briefly: call on a worker. */
  public static boolean isMachineAddress(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  public boolean isSelf(PeerCandidate candidate) {
    return nodeId.equals(candidate.nodeId()) || ownEndpoint.equals(candidate.pipeEndpoint());
  }

  /** Whether a peer at {@code address:port} would be this node. Call on a worker (see {@link #isMachineAddress}). */
  public boolean isSelfAddress(InetAddress address, int port) {
    return port == httpPort && localAddress.test(address);
  }
}
