package org.juicetokens.token.transaction;

import com.google.protobuf.InvalidProtocolBufferException;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.token.transaction.proto.TxRecord;
import org.juicetokens.token.transaction.proto.TxRole;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The requests the transaction verticle answers: TX_TRANSFER (forwarded to the payer's home node,
 * where it is planned and started, or answered from a known tx id) and TX_GET (this node's log, the
 * payer's record first; else the other members). Runs on the verticle's loop.
 */
final class TxRequests {
  private final TxShell shell;
  private final TxCalls calls;
  private final TransferPlanner planner;
  private final HazelcastInstance hazelcast;
  private final String selfNode;
  private final ShellSettings settings;

  TxRequests(TxShell shell, TxCalls calls, TransferPlanner planner, HazelcastInstance hazelcast, String selfNode, ShellSettings settings) {
    this.shell = shell;
    this.calls = calls;
    this.planner = planner;
    this.hazelcast = hazelcast;
    this.selfNode = selfNode;
    this.settings = settings;
  }

  /** Node-local entry: on the payer's home node (found through its identity document). */
  Future<Transfer> transfer(TransferRequest request) {
    TransferPlanner.checkRequest(request);
    TransferRequest withId = request.getTxId().isEmpty() ? request.toBuilder().setTxId(UUID.randomUUID().toString()).build() : request;
    return calls.identity("payer", request.getFromId()).compose(view -> {
      String home = view.getDocument().getHomeNode();
      if (home.equals(selfNode)) {
        // in-process: the planner takes the payer as just read (verified) instead of reading it again
        return transferHere(withId, view);
      }
      return calls.ask(Addresses.node(home, Addresses.TX_TRANSFER_SUFFIX), withId, settings.transferWaitMs() + settings.requestTimeoutMs(),
        Transfer.class);
    });
  }

  /** On the payer's home node: a known tx id answers the existing transfer; else plan and start. */
  Future<Transfer> transferHere(TransferRequest request) {
    return transferHere(request, null);
  }

  /** {@link #transferHere(TransferRequest)} with the payer's identity already read on this node (null: read it). */
  private Future<Transfer> transferHere(TransferRequest request, IdentityView payer) {
    TransferPlanner.checkRequest(request);
    String txId = request.getTxId().isEmpty() ? UUID.randomUUID().toString() : request.getTxId();
    Optional<Future<Transfer>> known = shell.existing(txId);
    if (known.isPresent()) {
      return known.get();
    }
    return calls.walGet(TxLogLayout.recordKey(txId, TxRole.PAYER)).compose(stored -> {
      if (stored.getFound()) {
        return TransferWaiters.answerOf(TxViews.transfer(parse(stored, txId), null));
      }
      return PayeeTrust.check(calls, request).compose(trusted -> planner.plan(txId, request, payer)).compose(plan -> {
        try {
          return shell.start(txId, plan);
        } catch (RuntimeException e) {
          // a plan that never became an exchange keeps no tokens promised
          shell.releaseUnstarted(txId);
          throw e;
        }
      });
    });
  }

  Future<Transfer> get(GetTransferRequest request) {
    TxLogLayout.checkTxId(request.getTxId());
    return getHere(request).recover(failure -> {
      if (!(failure instanceof JuiceException je && je.code() == ErrorCode.NOT_FOUND)) {
        return Future.failedFuture(failure);
      }
      List<String> others = hazelcast.getCluster().getMembers().stream().map(m -> (String) m.getAttribute("juice.nodeId"))
        .filter(Objects::nonNull).filter(n -> !n.equals(selfNode)).toList();
      return firstFound(others, 0, request, failure);
    });
  }

  private Future<Transfer> firstFound(List<String> nodes, int i, GetTransferRequest request, Throwable notFound) {
    if (i >= nodes.size()) {
      return Future.failedFuture(notFound);
    }
    return calls.ask(Addresses.node(nodes.get(i), Addresses.TX_GET_SUFFIX), request, calls.timeoutMs(), Transfer.class)
      .recover(e -> firstFound(nodes, i + 1, request, notFound));
  }

  /** This node's record of the tx (the payer's first), a live or unwritten side, else NOT_FOUND. */
  Future<Transfer> getHere(GetTransferRequest request) {
    String txId = TxLogLayout.checkTxId(request.getTxId());
    Future<StoreValue> payer = calls.walGet(TxLogLayout.recordKey(txId, TxRole.PAYER));
    Future<StoreValue> payee = calls.walGet(TxLogLayout.recordKey(txId, TxRole.PAYEE));
    return Future.all(payer, payee).map(v -> {
      StoreValue found = payer.result().getFound() ? payer.result() : payee.result().getFound() ? payee.result() : null;
      if (found != null) {
        TxRecord record = parse(found, txId);
        return TxViews.transfer(record, shell.codeOf(new ExchangeId(txId, record.getRole())));
      }
      return shell.known(txId).orElseThrow(() -> JuiceException.notFound("no transfer " + txId + " on node " + selfNode));
    });
  }

  private static TxRecord parse(StoreValue value, String txId) {
    try {
      return TxRecord.parseFrom(value.getValue());
    } catch (InvalidProtocolBufferException e) {
      throw new JuiceException(ErrorCode.DATA_CORRUPTION, "the log record of tx " + txId + " does not decode", e);
    }
  }
}
