package org.juicetokens.extension.runtime;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.TimeoutException;
import io.vertx.core.Future;
import org.juicetokens.extension.runtime.ExtensionMeters.Outcome;
import org.juicetokens.extension.spi.HookEvent;

/**
 * One running extension: its grants, its class (and loader), its sandbox verticle and the circuit
 * breaker every event goes through. The breaker runs on the host's context (its timeout timer too),
 * so an extension stuck on its own thread is still cut off on time.
 */
final class ActiveExtension {
  final String id;
  final Grants grants;
  final ExtensionLoader.Loaded loaded;
  final ExtensionSandbox sandbox;
  final String deploymentId;
  final CircuitBreaker breaker;
  private volatile String lastFailure = "";

  ActiveExtension(String id, Grants grants, ExtensionLoader.Loaded loaded, ExtensionSandbox sandbox, String deploymentId,
                  CircuitBreaker breaker) {
    this.id = id;
    this.grants = grants;
    this.loaded = loaded;
    this.sandbox = sandbox;
    this.deploymentId = deploymentId;
    this.breaker = breaker;
  }

  /** Delivers one event (a copy of its data) through the breaker; completes with the outcome, never fails. */
  Future<Outcome> invoke(HookEvent event) {
    HookEvent own = new HookEvent(event.hook(), event.atMs(), event.nodeId(), event.data().copy());
    return breaker.<Void>execute(promise -> sandbox.call(() -> loaded.extension().onEvent(own))
        .onComplete(promise::tryComplete, promise::tryFail))
      .transform(ar -> {
        if (ar.succeeded()) {
          return Future.succeededFuture(Outcome.OK);
        }
        Throwable cause = ar.cause();
        if (cause instanceof OpenCircuitException) {
          return Future.succeededFuture(Outcome.REJECTED);
        }
        lastFailure = cause instanceof TimeoutException
          ? event.hook().wireName() + " not handled within the call timeout"
          : event.hook().wireName() + " failed: " + cause;
        return Future.succeededFuture(cause instanceof TimeoutException ? Outcome.TIMEOUT : Outcome.ERROR);
      });
  }

  String lastFailure() {
    return lastFailure;
  }
}
