package org.juicetokens.extension.runtime;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.juicetokens.node.NodeContext;

/** Builds the host in a verticle's start, as the registry's verticle does. */
final class HostVerticle extends VerticleBase {
  private final NodeContext node;
  volatile ExtensionHost host;

  HostVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    host = new ExtensionHost(vertx, node);
    return host.start();
  }

  @Override
  public Future<?> stop() {
    return host.close();
  }
}
