package org.juicetokens.extension.runtime.testext;

import io.vertx.core.Future;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.extension.spi.JuiceExtension;

/** Refuses to start. */
public class FailingStartExtension implements JuiceExtension {
  @Override
  public Future<Void> start(ExtensionContext context) {
    return Future.failedFuture("no configuration for " + context.extensionId());
  }

  @Override
  public Future<Void> onEvent(HookEvent event) {
    return Future.succeededFuture();
  }
}
