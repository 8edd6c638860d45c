package org.juicetokens.transport.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Host name to addresses, the DNS discovery method's only dependency on the outside world.
 * Implementations block (a resolver does I/O): callers run them on a worker.
 */
@FunctionalInterface
public interface NameResolver {
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JVM's resolver (hosts file, then DNS, as docker-compose service names are resolved). */
  NameResolver JVM = host -> List.of(InetAddress.getAllByName(host));
}
