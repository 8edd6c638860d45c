package org.juicetokens.extension.examples;

import org.juicetokens.common.JuiceException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A webhook URL checked once at start (http or https, with a host) and its form for logs: scheme,
 * host, port and path only. User info (credentials), query (often a token) and fragment never
 * reach a log line. Pure.
 */
record WebhookTarget(String url, String redacted) {
  static WebhookTarget of(String text) {
    if (text == null || text.isBlank()) {
      throw JuiceException.invalidArgument("config url is required (an http or https URL)");
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw JuiceException.invalidArgument("config url is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw JuiceException.invalidArgument("config url must be http or https");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw JuiceException.invalidArgument("config url has no host");
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return new WebhookTarget(text.trim(), scheme + "://" + uri.getHost() + port + path);
  }

  @Override
  public String toString() {
    return redacted;
  }
}
