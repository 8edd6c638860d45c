package org.juicetokens.api.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.TransactionServiceService;
import org.juicetokens.api.v1.TransferRequest;

/**
 * The HTTP/JSON routes of transaction.proto's TransactionService, each calling the same service
 * object as gRPC (the gRPC server does not transcode, see GrpcEdge), plus the SSE stream of one
 * tx's events (WatchTransfer's HTTP face: subscribe first, then POST the transfer with that txId).
 * POST /api/v1/transfers is mutating: ApiRoutes' bearer check runs before it.
 */
final class TransactionRoutes {
  private TransactionRoutes() {
  }

  static void mount(Router router, TransactionServiceService transactions, Vertx vertx, long watchMaxMs) {
    router.post(ApiRoutes.PREFIX + "/transfers").handler(JsonCall.withBody(TransferRequest::newBuilder, (ctx, b) -> { },
      b -> transactions.transfer(b.build())));
    router.get(ApiRoutes.PREFIX + "/transfers/:txId/events").handler(new TransferEventsHandler(vertx, watchMaxMs));
    router.get(ApiRoutes.PREFIX + "/transfers/:txId").handler(JsonCall.withPath(GetTransferRequest::newBuilder,
      (ctx, b) -> b.setTxId(ctx.pathParam("txId")), b -> transactions.getTransfer(b.build())));
    router.get(ApiRoutes.PREFIX + "/audit").handler(JsonCall.of(AuditRequest::newBuilder, b -> transactions.audit(b.build())));
  }
}
