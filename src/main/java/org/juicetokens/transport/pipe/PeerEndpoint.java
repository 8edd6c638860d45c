package org.juicetokens.transport.pipe;

import org.juicetokens.common.JuiceException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** A pipe endpoint from {@code transport.peers}: {@code ws://host:port/pipe} or {@code wss://...}. */
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

  public static List<PeerEndpoint> parseAll(List<String> texts) {
    return texts.stream().filter(t -> !t.isBlank()).map(PeerEndpoint::parse).toList();
  }
}
