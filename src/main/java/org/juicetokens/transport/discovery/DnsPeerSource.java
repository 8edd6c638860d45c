package org.juicetokens.transport.discovery;

import io.vertx.core.Future;
import org.juicetokens.common.JuiceException;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * DNS: every configured name is resolved (on a worker: resolvers block) and each address it
 * resolves to becomes one peer at {@code ws://address:port/pipe}, this node's own address
 * excepted. Names are resolved independently, so one slow or unknown name does not hide the
 * others; the round fails (after handing over what resolved) when any name did not.
 */
public final class DnsPeerSource implements PeerSource {
  private final List<BootstrapPeers.DnsName> names;
  private final NameResolver resolver;
  private final SelfCheck self;
  private final Function<Callable<List<PeerCandidate>>, Future<List<PeerCandidate>>> worker;

  public DnsPeerSource(List<BootstrapPeers.DnsName> names, NameResolver resolver, SelfCheck self,
                       Function<Callable<List<PeerCandidate>>, Future<List<PeerCandidate>>> worker) {
    this.names = List.copyOf(names);
    this.resolver = resolver;
    this.self = self;
    this.worker = worker;
  }

  @Override
  public DiscoveryMethod method() {
    return DiscoveryMethod.DNS;
  }

  @Override
  public Future<Void> find(Consumer<PeerCandidate> found) {
    List<Future<List<PeerCandidate>>> lookups = new ArrayList<>();
    for (BootstrapPeers.DnsName name : names) {
      lookups.add(worker.apply(() -> resolve(name)).onSuccess(peers -> peers.forEach(found)));
    }
    return Future.join(lookups).transform(ignored -> {
      List<String> failures = lookups.stream().filter(Future::failed).map(f -> f.cause().getMessage()).toList();
      return failures.isEmpty() ? Future.succeededFuture()
        : Future.failedFuture(JuiceException.unavailable(String.join("; ", failures), null));
    });
  }

  /** Runs on the worker. */
  private List<PeerCandidate> resolve(BootstrapPeers.DnsName name) {
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(name.host());
    } catch (UnknownHostException e) {
      throw JuiceException.unavailable("name " + name.host() + " does not resolve", e);
    }
    List<PeerCandidate> peers = new ArrayList<>();
    for (InetAddress address : addresses) {
      if (self.isSelfAddress(address, name.port())) {
        continue;
      }
      String host = address.getHostAddress();
      peers.add(new PeerCandidate("", List.of(hostPort(host, name.port())), BootstrapPeers.pipeEndpoint(host, name.port()), "",
        DiscoveryMethod.DNS, name.label()));
    }
    return peers;
  }

  static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
