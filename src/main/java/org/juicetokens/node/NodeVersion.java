package org.juicetokens.node;

/** The node software's version: in {@code bin/juice --version} and in this node's peer advertisements. */
public final class NodeVersion {
  public static final String VERSION = "0.1.0";

  private NodeVersion() {
  }
}
