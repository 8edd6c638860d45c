package org.juicetokens.extension.spi;

import io.vertx.core.Future;

/**
 * The extension SPI. An implementation has a public no-argument constructor and is named by its
 * manifest's entry_class; it is found on the node's class path or in the jar the manifest names
 * (in the extensions directory). Each active extension runs on its own verticle, a worker verticle
 * on a one-thread pool of its own: its methods are called on that thread, one at a time, never on
 * a node event loop. They should still not block: a call not completed in time counts as a failure. A returned future that
 * fails or does not complete within the node's extension timeout counts as a failure; repeated
 * failures open its circuit breaker and end with the extension in ERROR or DISABLED.
 */
public interface JuiceExtension {
  /** Called once on activation; the context stays valid until {@link #stop()}. */
  Future<Void> start(ExtensionContext context);

  /** One event of a hook the manifest lists and the permissions allow. */
  Future<Void> onEvent(HookEvent event);

  /** Called when paused, disabled or when the node stops. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
