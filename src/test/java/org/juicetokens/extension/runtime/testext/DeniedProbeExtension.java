package org.juicetokens.extension.runtime.testext;

import io.vertx.core.Future;
import org.juicetokens.common.Errors;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.extension.spi.JuiceExtension;

/** On start, asks for a token through the facade and notes the answer's error code (its manifest lacks tokens:read). */
public class DeniedProbeExtension implements JuiceExtension {
  @Override
  public Future<Void> start(ExtensionContext context) {
    return context.token("any").transform(ar -> {
      TestSinks.note(context.extensionId(), ar.succeeded() ? "token answered" : Errors.toJuice(ar.cause()).code().name());
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<Void> onEvent(HookEvent event) {
    return Future.succeededFuture();
  }
}
