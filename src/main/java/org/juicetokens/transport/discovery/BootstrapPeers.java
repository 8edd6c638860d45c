package org.juicetokens.transport.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code transport.peers} split by kind: {@code ws://} (or {@code wss://}) URLs are STATIC pipe
 * endpoints; plain host names, with an optional {@code :port}, are DNS names (the port defaults
 * to this node's HTTP port, as every node of a docker-compose set-up listens on the same one).
 * Anything else is refused with a message naming the entry.
 */
public record BootstrapPeers(List<StaticEndpoint> endpoints, List<DnsName> names) {
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-_]*[A-Za-z0-9])?");

  /** A configured pipe endpoint; host and port are taken from it for the peer's address. */
  public record StaticEndpoint(String endpoint, String host, int port) {
  }

  /** A name to resolve; every address it resolves to is one peer at {@code ws://address:port/pipe}. */
  public record DnsName(String host, int port) {
    public String label() {
      return host + ":" + port;
    }
  }

  public BootstrapPeers {
    endpoints = List.copyOf(endpoints);
    names = List.copyOf(names);
  }

  public static BootstrapPeers parse(List<String> entries, int defaultPort) {
    List<StaticEndpoint> endpoints = new ArrayList<>();
    List<DnsName> names = new ArrayList<>();
    for (String raw : entries) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("ws://") || entry.startsWith("wss://")) {
        endpoints.add(endpoint(entry));
      } else {
        names.add(name(entry, defaultPort));
      }
    }
    return new BootstrapPeers(endpoints, names);
  }

  private static StaticEndpoint endpoint(String entry) {
    try {
      URI uri = new URI(entry);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("transport.peers: '" + entry + "' has no host");
      }
      int port = uri.getPort() > 0 ? uri.getPort() : ("wss".equals(uri.getScheme()) ? 443 : 80);
      return new StaticEndpoint(entry, uri.getHost().replace("[", "").replace("]", ""), port);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("transport.peers: '" + entry + "' is not a ws:// URL: " + e.getReason());
    }
  }

  private static DnsName name(String entry, int defaultPort) {
    int colon = entry.lastIndexOf(':');
    String host = colon < 0 ? entry : entry.substring(0, colon);
    int port = defaultPort;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(entry.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (!HOST.matcher(host).matches() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("transport.peers: '" + entry
        + "' is neither a ws:// endpoint nor a host name with an optional :port");
    }
    return new DnsName(host, port);
  }

  /** The pipe endpoint of an address found by DNS. */
  public static String pipeEndpoint(String host, int port) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "ws://" + h + ":" + port + "/pipe";
  }
}
