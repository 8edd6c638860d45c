package org.juicetokens.extension.runtime.testext;

import io.vertx.core.Future;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.extension.spi.JuiceExtension;

import java.util.concurrent.TimeUnit;

/** Blocks its thread on every event (until the test releases it, at most two minutes): what an extension must never do. */
public class BlockingExtension implements JuiceExtension {
  private String id;

  @Override
  public Future<Void> start(ExtensionContext context) {
    id = context.extensionId();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> onEvent(HookEvent event) {
    TestSinks.event(id, event);
    try {
      TestSinks.RELEASE.await(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Future.succeededFuture();
  }
}
