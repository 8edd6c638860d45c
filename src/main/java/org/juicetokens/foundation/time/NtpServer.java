package org.juicetokens.foundation.time;

import org.juicetokens.common.JuiceException;

import java.util.List;

/**
 * One configured SNTP server: {@code host}, {@code host:port} or {@code [v6-address]:port}
 * (default port 123). {@link #name()} is the configured text, used as the source name.
 */
public record NtpServer(String name, String host, int port) {
  public static final int DEFAULT_PORT = 123;

  public static NtpServer parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) {
      throw JuiceException.invalidArgument("empty NTP server in time.ntpServers");
    }
    String host = s;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || (close + 1 < s.length() && s.charAt(close + 1) != ':')) {
        throw JuiceException.invalidArgument("bad NTP server '" + s + "': expected [address]:port");
      }
      host = s.substring(1, close);
      port = close + 1 < s.length() ? s.substring(close + 2) : null;
    } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
      host = s.substring(0, s.indexOf(':'));
      port = s.substring(s.indexOf(':') + 1);
    }
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw JuiceException.invalidArgument("bad NTP server '" + s + "': no host");
    }
    return new NtpServer(s, host, port == null ? DEFAULT_PORT : parsePort(s, port));
  }

  public static List<NtpServer> parseAll(List<String> texts) {
    return texts.stream().map(NtpServer::parse).toList();
  }

  private static int parsePort(String server, String port) {
    try {
      int p = Integer.parseInt(port);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below with the server text
    }
    throw JuiceException.invalidArgument("bad NTP server '" + server + "': port must be 1-65535");
  }
}
