package org.juicetokens.transport.pipe;

import org.juicetokens.common.JuiceException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * A pipe endpoint from {@code transport.peers}: {@code ws://host:port/pipe} or {@code wss://...}
 * as written, or a host name ({@code node2}, {@code node2:8080}) meaning {@code ws://node2:<port>/pipe}
 * with this node's HTTP port by default (the same reading as discovery's DNS method).
 */
public record PeerEndpoint(String uri, String host, int port, String path, boolean ssl) {

  public static PeerEndpoint parse(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw JuiceException.invalidArgument("bad pipe endpoint '" + text + "': " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"ws".equals(scheme) && !"wss".equals(scheme) || uri.getHost() == null) {
      throw JuiceException.invalidArgument("bad pipe endpoint '" + text + "': expected ws://host:port/pipe");
    }
    boolean ssl = "wss".equals(scheme);
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/pipe" : uri.getRawPath();
    return new PeerEndpoint(uri.toString(), uri.getHost(), port, path, ssl);
  }

  public static List<PeerEndpoint> parseAll(List<String> texts, int defaultPort) {
    return texts.stream().map(String::trim).filter(t -> !t.isEmpty())
      .map(t -> t.contains("://") ? parse(t) : parse("ws://" + (t.contains(":") ? t : t + ":" + defaultPort) + "/pipe"))
      .toList();
  }
}
