package org.juicetokens.transport.discovery;

import java.util.List;

/** The bounded set of reasons an advertisement is refused (the {@code reason} label of juice_discovery_rejected_total). */
public final class Rejections {
  private Rejections() {
  }

  public static final String BAD_SIGNATURE = "bad_signature";
  public static final String UNSIGNED = "unsigned";
  public static final String MALFORMED = "malformed";
  public static final String STALE = "stale";
  public static final String WRONG_CLUSTER = "wrong_cluster";

  public static final List<String> ALL = List.of(BAD_SIGNATURE, UNSIGNED, MALFORMED, STALE, WRONG_CLUSTER);
}
