package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.streams.WriteStream;
import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.api.v1.TransactionServiceService;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.transaction.TxLogLayout;

import java.util.UUID;

/**
 * {@code juicetokens.api.v1.TransactionService}: Transfer, GetTransfer and Audit are one request
 * each to the node's transaction layer (TX_TRANSFER waits for the exchange's outcome, up to
 * api.transferTimeoutMs; the audit asks every member, up to audit.memberTimeoutMs). WatchTransfer
 * streams the exchange's events ({@link TransferWatch}).
 */
public final class TransactionGrpcService extends TransactionServiceService {
  private final Vertx vertx;
  private final long timeoutMs;
  private final long transferTimeoutMs;
  private final long auditTimeoutMs;
  private final long watchMaxMs;

  /**
   * {@code timeoutMs}: the node's request timeout (reads); {@code transferTimeoutMs}: a transfer's
   * outcome; {@code auditTimeoutMs}: one member's audit part; {@code watchMaxMs}: the longest a watch stays open.
   */
  public TransactionGrpcService(Vertx vertx, long timeoutMs, long transferTimeoutMs, long auditTimeoutMs, long watchMaxMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.transferTimeoutMs = transferTimeoutMs;
    this.auditTimeoutMs = auditTimeoutMs;
    this.watchMaxMs = watchMaxMs;
  }

  private EventBus bus() {
    return vertx.eventBus();
  }

  @Override
  public Future<Transfer> transfer(TransferRequest request) {
    return LayerCalls.ask(bus(), Addresses.TX_TRANSFER, request, transferTimeoutMs, Transfer.class);
  }

  @Override
  public Future<Transfer> getTransfer(GetTransferRequest request) {
    try {
      TxLogLayout.checkTxId(request.getTxId());
    } catch (JuiceException e) {
      return LayerCalls.invalid(e.getMessage());
    }
    // the local log first, then the other members: up to two request timeouts
    return LayerCalls.ask(bus(), Addresses.TX_GET, request, 2 * timeoutMs, Transfer.class);
  }

  @Override
  public Future<AuditReport> audit(AuditRequest request) {
    return LayerCalls.ask(bus(), Addresses.TX_AUDIT, request, auditTimeoutMs + timeoutMs, AuditReport.class);
  }

  @Override
  protected void watchTransfer(TransferRequest request, WriteStream<TransferEvent> response) {
    String txId = request.getTxId().isEmpty() ? UUID.randomUUID().toString() : request.getTxId();
    try {
      TxLogLayout.checkTxId(txId);
    } catch (JuiceException e) {
      TransferWatch.fail(response, e);
      return;
    }
    TransferRequest withId = request.toBuilder().setTxId(txId).build();
    TransferWatch.start(vertx, txId, response, watchMaxMs,
      () -> LayerCalls.ask(bus(), Addresses.TX_TRANSFER, withId, transferTimeoutMs, Transfer.class));
  }
}
