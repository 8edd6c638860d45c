package org.juicetokens.transport.discovery;

import io.vertx.core.Future;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * STATIC: the configured {@code ws://} endpoints, as given (no resolution: the pipe connects to
 * them as written), except one that names this node. The self check needs the interface list,
 * so it runs on the worker like DNS.
 */
public final class StaticPeerSource implements PeerSource {
  private final List<BootstrapPeers.StaticEndpoint> endpoints;
  private final SelfCheck self;
  private final Function<Callable<List<PeerCandidate>>, Future<List<PeerCandidate>>> worker;

  public StaticPeerSource(List<BootstrapPeers.StaticEndpoint> endpoints, SelfCheck self,
                          Function<Callable<List<PeerCandidate>>, Future<List<PeerCandidate>>> worker) {
    this.endpoints = List.copyOf(endpoints);
    this.self = self;
    this.worker = worker;
  }

  @Override
  public DiscoveryMethod method() {
    return DiscoveryMethod.STATIC;
  }

  @Override
  public Future<Void> find(Consumer<PeerCandidate> found) {
    if (endpoints.isEmpty()) {
      return Future.succeededFuture();
    }
    return worker.apply(this::candidates).onSuccess(peers -> peers.forEach(found)).mapEmpty();
  }

  /** Runs on the worker. */
  private List<PeerCandidate> candidates() {
    List<PeerCandidate> peers = new ArrayList<>();
    for (BootstrapPeers.StaticEndpoint e : endpoints) {
      if (literalSelf(e)) {
        continue;
      }
      peers.add(new PeerCandidate("", List.of(DnsPeerSource.hostPort(e.host(), e.port())), e.endpoint(), "", DiscoveryMethod.STATIC,
        e.endpoint()));
    }
    return peers;
  }

  /** Only literal addresses and "localhost" are checked: a host name is not resolved for STATIC. */
  private boolean literalSelf(BootstrapPeers.StaticEndpoint e) {
    String host = e.host();
    if (host.equalsIgnoreCase("localhost")) {
      return self.isSelfAddress(InetAddress.getLoopbackAddress(), e.port());
    }
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      // a literal address: no lookup happens
      return self.isSelfAddress(InetAddress.getByName(host), e.port());
    } catch (java.net.UnknownHostException ex) {
      return false;
    }
  }
}
