package org.juicetokens.extension.runtime.testext;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.extension.spi.JuiceExtension;

/** Records every event it receives, and on which thread (the sandbox's worker pool, never an event loop). */
public class RecordingExtension implements JuiceExtension {
  private String id;

  @Override
  public Future<Void> start(ExtensionContext context) {
    id = context.extensionId();
    TestSinks.note(id, "started on " + Thread.currentThread().getName());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> onEvent(HookEvent event) {
    if (Vertx.currentContext() == null || Vertx.currentContext().isEventLoopContext()) {
      TestSinks.note(id, "event off its worker context on " + Thread.currentThread().getName());
    }
    TestSinks.event(id, event);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    TestSinks.note(id, "stopped");
    return Future.succeededFuture();
  }
}
