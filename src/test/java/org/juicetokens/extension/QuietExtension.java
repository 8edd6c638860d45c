package org.juicetokens.extension;

import io.vertx.core.Future;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.extension.spi.JuiceExtension;

/** An extension that accepts every event and does nothing: the entry class of the registry tests' manifests. */
public final class QuietExtension implements JuiceExtension {
  @Override
  public Future<Void> start(ExtensionContext context) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> onEvent(HookEvent event) {
    return Future.succeededFuture();
  }
}
