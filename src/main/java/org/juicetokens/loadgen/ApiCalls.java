package org.juicetokens.loadgen;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.IdentityServiceGrpcClient;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.TokenServiceGrpcClient;
import org.juicetokens.api.v1.TransactionServiceGrpcClient;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.api.v1.TrustServiceGrpcClient;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The public gRPC API calls the load generator makes, over one pooled client (HTTP/2, one
 * connection per node, requests multiplexed): every call is asynchronous and bounded by the
 * timeout; a non-OK status fails the future with {@link Refused}.
 */
final class ApiCalls {
  /** One token of 10.00: the transfers are exact 1-token payments. */
  static final long TRANSFER_HUNDREDTHS = 1_000;
  static final int DENOMINATION = 10;
  private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

  private final GrpcClient client;
  private final String token;
  private final long timeoutMs;

  ApiCalls(Vertx vertx, String token, int timeoutSeconds) {
    this.client = GrpcClient.client(vertx, new HttpClientOptions().setConnectTimeout(timeoutSeconds * 1000));
    this.token = token;
    this.timeoutMs = timeoutSeconds * 1000L;
  }

  Future<String> createIdentity(SocketAddress node, String name) {
    return call(node, IdentityServiceGrpcClient.CreateIdentity, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), true)
      .map(reply -> reply.getId());
  }

  Future<Void> mint(SocketAddress node, String issuer, String reference, int count) {
    return call(node, TokenServiceGrpcClient.MintTokens, MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(issuer)
      .setReference(reference).setDenomination(DENOMINATION).setCount(count).build(), true).mapEmpty();
  }

  /** Succeeds with the transfer as the payer's node decided it (COMMITTED, or ABORTED/FAILED with its code). */
  Future<Transfer> transfer(SocketAddress node, String from, String to) {
    return call(node, TransactionServiceGrpcClient.Transfer, TransferRequest.newBuilder().setFromId(from).setToId(to)
      .setAmountHundredths(TRANSFER_HUNDREDTHS).setTxId(UUID.randomUUID().toString()).build(), true);
  }

  Future<Void> attest(SocketAddress node, String attester, String subject) {
    return call(node, TrustServiceGrpcClient.CreateAttestation, CreateAttestationRequest.newBuilder().setAttesterId(attester)
      .setSubjectId(subject).setType("load-test").setStrength(50).build(), true).mapEmpty();
  }

  /** The cluster-wide audit as its proto3 JSON. */
  Future<JsonObject> audit(SocketAddress node) {
    return call(node, TransactionServiceGrpcClient.Audit, AuditRequest.getDefaultInstance(), false).map(report -> {
      try {
        return new JsonObject(JSON.print(report));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static boolean committed(Transfer t) {
    return t.getState() == TxState.COMMITTED;
  }

  static String abortCode(Transfer t) {
    return t.getErrorCode().isBlank() ? t.getState().name() : t.getErrorCode();
  }

  private <Q extends Message, R extends Message> Future<R> call(SocketAddress node, ServiceMethod<R, Q> method, Q request, boolean mutating) {
    return client.request(node, method)
      .compose(req -> {
        if (mutating && token != null) {
          req.headers().set("authorization", "Bearer " + token);
        }
        return req.send(request);
      })
      .compose(resp -> resp.last().recover(failure -> Future.failedFuture(resp.status() != null && resp.status() != GrpcStatus.OK
        ? new Refused(resp.status(), resp.statusMessage())
        : failure)))
      .recover(failure -> Future.failedFuture(failure instanceof InvalidStatusException e
        ? new Refused(e.actualStatus(), null)
        : failure))
      .timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  Future<Void> close() {
    return client.close();
  }
}
