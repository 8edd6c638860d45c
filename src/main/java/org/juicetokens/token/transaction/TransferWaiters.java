package org.juicetokens.token.transaction;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.proto.TxState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TX_TRANSFER callers waiting for a payer side's outcome (each for at most
 * {@link ShellSettings#transferWaitMs}, then TIMEOUT), and the payer sides decided before anything
 * was written (a refused proposal: no log record answers for them, so the last ones are kept here
 * for TX_GET and a repeated tx id). Used on the transaction verticle's loop.
 */
final class TransferWaiters {
  private static final int RECENT_DECIDED = 1000;

  private final Vertx vertx;
  private final long waitMs;
  private final Map<String, List<Promise<Transfer>>> waiting = new HashMap<>();
  private final Map<String, Transfer> decidedUnwritten = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Transfer> eldest) {
      return size() > RECENT_DECIDED;
    }
  };

  TransferWaiters(Vertx vertx, long waitMs) {
    this.vertx = vertx;
    this.waitMs = waitMs;
  }

  Future<Transfer> await(String txId) {
    Promise<Transfer> promise = Promise.promise();
    waiting.computeIfAbsent(txId, k -> new ArrayList<>()).add(promise);
    long timer = vertx.setTimer(waitMs, t -> {
      List<Promise<Transfer>> callers = waiting.get(txId);
      if (callers != null && callers.remove(promise) && callers.isEmpty()) {
        waiting.remove(txId);
      }
      promise.tryFail(new JuiceException(ErrorCode.TIMEOUT, "tx " + txId + ": no outcome within " + waitMs + " ms"));
    });
    return promise.future().andThen(ar -> vertx.cancelTimer(timer));
  }

  /** The payer side is decided: answers everyone waiting; {@code written} false keeps the view for later questions. */
  void decided(Transfer view, boolean written) {
    if (!written) {
      decidedUnwritten.put(view.getTxId(), view);
    }
    List<Promise<Transfer>> callers = waiting.remove(view.getTxId());
    if (callers != null) {
      callers.forEach(p -> complete(p, view));
    }
  }

  Transfer unwritten(String txId) {
    return decidedUnwritten.get(txId);
  }

  /** A decided transfer as the TX_TRANSFER answer: the view when COMMITTED, else its ErrorCode. */
  static Future<Transfer> answerOf(Transfer view) {
    Promise<Transfer> p = Promise.promise();
    complete(p, view);
    return p.future();
  }

  private static void complete(Promise<Transfer> p, Transfer view) {
    if (view.getState() == TxState.COMMITTED) {
      p.tryComplete(view);
    } else {
      ErrorCode code = view.getErrorCode().isEmpty() ? ErrorCode.INTERNAL : ErrorCode.valueOf(view.getErrorCode());
      p.tryFail(new JuiceException(code, "tx " + view.getTxId() + " " + view.getState() + ": " + view.getErrorMessage()));
    }
  }
}
