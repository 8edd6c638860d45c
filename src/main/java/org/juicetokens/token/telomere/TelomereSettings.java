package org.juicetokens.token.telomere;

import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;

/** The telomere's settings, checked once (a bad value fails the node's start, not the first transfer). */
public final class TelomereSettings {
  public static final int MAX_TAIL_LINKS = 1000;

  private TelomereSettings() {
  }

  /** telomere.tailLinks: the links a telomere keeps individually (1-1000, default 10). */
  public static int tailLinks(NodeConfig config) {
    int tailLinks = config.integer(Settings.TELOMERE_TAIL_LINKS);
    if (tailLinks < 1 || tailLinks > MAX_TAIL_LINKS) {
      throw new IllegalArgumentException("telomere.tailLinks must be 1-" + MAX_TAIL_LINKS + ", was " + tailLinks);
    }
    return tailLinks;
  }
}
