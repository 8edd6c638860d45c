package org.juicetokens.extension.runtime.testext;

import io.vertx.core.Future;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.extension.spi.JuiceExtension;

/** Throws on every event. */
public class ThrowingExtension implements JuiceExtension {
  private String id;

  @Override
  public Future<Void> start(ExtensionContext context) {
    id = context.extensionId();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> onEvent(HookEvent event) {
    TestSinks.event(id, event);
    throw new IllegalStateException("this extension fails on purpose");
  }
}
