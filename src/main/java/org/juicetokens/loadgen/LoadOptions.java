package org.juicetokens.loadgen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's options, checked: every problem is an IllegalArgumentException with one
 * line saying what is wrong. A run is bounded by {@code durationSeconds} or by {@code count}
 * (measured attempts started), exactly one of them.
 */
public record LoadOptions(List<SocketAddress> nodes, OpMix mix, int concurrency, int durationSeconds, long count,
                          int warmupSeconds, int identities, int tokensPerIdentity, int mintCount, int timeoutSeconds,
                          String token, int rate, int funded) {
  public static final int MAX_TOKENS_PER_CALL = 1000;

  public LoadOptions {
    nodes = List.copyOf(nodes);
  }

  /**
   * @param identities 0 = the default: twice the concurrency, at least 2 (each attempt holds its
   *                   payer/issuer/attester, so a run needs more identities than attempts in flight)
   * @param durationSeconds 0 with count 0 = 30 s
   */
  public static LoadOptions of(List<String> nodes, String mix, int concurrency, int durationSeconds, long count, int warmupSeconds,
                               int identities, int tokensPerIdentity, int mintCount, int timeoutSeconds, String token) {
    return of(nodes, mix, concurrency, durationSeconds, count, warmupSeconds, identities, tokensPerIdentity, mintCount, timeoutSeconds,
      token, 0, 0);
  }

  /**
   * @param rate   attempts started per second at most (0: as fast as the concurrency allows)
   * @param funded how many identities (the first ones) are funded before a run with transfers (0: all)
   */
  public static LoadOptions of(List<String> nodes, String mix, int concurrency, int durationSeconds, long count, int warmupSeconds,
                               int identities, int tokensPerIdentity, int mintCount, int timeoutSeconds, String token,
                               int rate, int funded) {
    List<SocketAddress> addresses = new ArrayList<>();
    for (String node : nodes == null || nodes.isEmpty() ? List.of("localhost:8080") : nodes) {
      addresses.add(address(node));
    }
    OpMix parsed = OpMix.parse(mix);
    positive("--concurrency", concurrency);
    if (durationSeconds < 0 || count < 0 || warmupSeconds < 0) {
      throw new IllegalArgumentException("--duration, --count and --warmup cannot be negative");
    }
    if (durationSeconds > 0 && count > 0) {
      throw new IllegalArgumentException("give --duration or --count, not both");
    }
    int duration = durationSeconds == 0 && count == 0 ? 30 : durationSeconds;
    int ids = identities == 0 ? Math.max(2, 2 * concurrency) : identities;
    if (ids < 2) {
      throw new IllegalArgumentException("--identities must be at least 2 (a transfer needs a payee)");
    }
    if (ids <= concurrency) {
      throw new IllegalArgumentException("--identities (" + ids + ") must exceed --concurrency (" + concurrency
        + "): each attempt in flight holds one identity");
    }
    if (tokensPerIdentity < 1 || tokensPerIdentity > MAX_TOKENS_PER_CALL || mintCount < 1 || mintCount > MAX_TOKENS_PER_CALL) {
      throw new IllegalArgumentException("--tokens and --mint-count must be within 1.." + MAX_TOKENS_PER_CALL);
    }
    positive("--timeout", timeoutSeconds);
    if (rate < 0 || funded < 0 || funded > ids) {
      throw new IllegalArgumentException("--rate cannot be negative and --funded must be within 0..--identities");
    }
    return new LoadOptions(addresses, parsed, concurrency, duration, count, warmupSeconds, ids, tokensPerIdentity, mintCount,
      timeoutSeconds, token == null || token.isBlank() ? null : token.trim(), rate, funded == 0 ? ids : funded);
  }

  /** {@code host:port} with a port in 1..65535. */
  static SocketAddress address(String node) {
    String s = node.trim();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("bad --node '" + s + "': expected host:port");
    }
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad --node '" + s + "': the port is not a number");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("bad --node '" + s + "': port out of range");
    }
    return SocketAddress.inetSocketAddress(port, s.substring(0, colon));
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
  }

  /** The settings part of the report (never the token). */
  public JsonObject toJson() {
    JsonObject mixJson = new JsonObject();
    mix.weights().forEach((k, w) -> mixJson.put(k.label(), w));
    return new JsonObject().put("nodes", new JsonArray(nodes.stream().map(a -> a.host() + ":" + a.port()).toList()))
      .put("mix", mixJson).put("concurrency", concurrency).put("durationSeconds", durationSeconds).put("count", count)
      .put("warmupSeconds", warmupSeconds).put("identities", identities).put("tokensPerIdentity", tokensPerIdentity)
      .put("mintCount", mintCount).put("rate", rate).put("funded", funded);
  }
}
