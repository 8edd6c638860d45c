package org.juicetokens.extension.runtime.testext;

import io.vertx.core.Future;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.extension.spi.JuiceExtension;

/** Has only a constructor with an argument: the runtime cannot build it. */
public class NoDefaultConstructorExtension implements JuiceExtension {
  public NoDefaultConstructorExtension(String unused) {
  }

  @Override
  public Future<Void> start(ExtensionContext context) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> onEvent(HookEvent event) {
    return Future.succeededFuture();
  }
}
