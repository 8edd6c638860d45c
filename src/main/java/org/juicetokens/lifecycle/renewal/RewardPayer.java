package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.lifecycle.renewal.proto.RenewalRecord;
import org.juicetokens.token.transaction.proto.TxState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

/**
 * The facilitator's reward (PROTOCOL.md §Lifecycle: a percentage of the value, in hundredths), paid by
 * the owner as an ordinary transfer: the transaction layer moves the value (wissel hundredths and
 * change as for any payment), so the cluster audit balances without a rule of its own. The renewal's
 * batch wrote an outbox marker {@code rw/<renewal id>}; it is removed once the transfer COMMITTED.
 * A retry uses the same tx id (the transaction layer answers the same transfer, never pays twice);
 * a transfer that ended ABORTED or FAILED is tried again under the next attempt's tx id.
 */
final class RewardPayer {
  private static final Logger LOG = LoggerFactory.getLogger(RewardPayer.class);

  private final RenewalCalls calls;
  private final RenewalMeters meters;
  private final long transferWaitMs;
  private final Set<String> paying = new HashSet<>();

  RewardPayer(RenewalCalls calls, RenewalMeters meters, long transferWaitMs) {
    this.calls = calls;
    this.meters = meters;
    this.transferWaitMs = transferWaitMs;
  }

  static String txId(String renewalId, int attempt) {
    return renewalId + "-reward-" + attempt;
  }

  /** Pays {@code record}'s reward; answers whether it is paid now (false: still owed, retried later). */
  Future<Boolean> pay(RenewalRecord record) {
    if (!paying.add(record.getRenewalId())) {
      return Future.succeededFuture(false);
    }
    TransferRequest transfer = TransferRequest.newBuilder().setFromId(record.getOwnerId()).setToId(record.getFacilitatorId())
      .setAmountHundredths(record.getRewardHundredths()).setTxId(record.getRewardTxId()).build();
    return calls.ask(Addresses.TX_TRANSFER, transfer, transferWaitMs, Transfer.class).compose(t -> {
      if (t.getState() == TxState.COMMITTED) {
        meters.rewardPaid(record.getRewardHundredths());
        return calls.batch(StoreBatch.newBuilder().setSync(true)
          .addWrites(RenewalLayout.delete(RenewalLayout.rewardKey(record.getRenewalId()))).build()).map(ack -> true);
      }
      if (t.getState() == TxState.ABORTED || t.getState() == TxState.FAILED) {
        LOG.warn("[Renewal] reward {} of {} {}: {}; tried again under the next tx id", record.getRewardTxId(), record.getRenewalId(),
          t.getState(), t.getErrorMessage());
        RenewalRecord next = record.toBuilder().setRewardAttempt(record.getRewardAttempt() + 1)
          .setRewardTxId(txId(record.getRenewalId(), record.getRewardAttempt() + 1)).build();
        return calls.batch(StoreBatch.newBuilder().setSync(true)
          .addWrites(RenewalLayout.put(RenewalLayout.rewardKey(record.getRenewalId()), next.toByteString())).build()).map(ack -> false);
      }
      return Future.succeededFuture(false);
    }).onFailure(e -> LOG.warn("[Renewal] reward {} of {} not paid yet: {}", record.getRewardTxId(), record.getRenewalId(), e.getMessage()))
      .onComplete(ar -> paying.remove(record.getRenewalId()));
  }

  /** Pays every reward still owed (the outbox); answers how many remain unpaid. */
  Future<Integer> payOwed(int limit) {
    return calls.scan(StoreFamily.NOTICES, RenewalLayout.bytes(RenewalLayout.REWARD_PREFIX), limit).compose(scan -> {
      meters.rewardsPending(scan.getEntriesCount());
      Future<Integer> chain = Future.succeededFuture(0);
      for (StoreEntry e : scan.getEntriesList()) {
        RenewalRecord record;
        try {
          record = RenewalRecord.parseFrom(e.getValue());
        } catch (InvalidProtocolBufferException ex) {
          LOG.warn("[Renewal] undecodable reward marker {}", e.getKey().toStringUtf8());
          continue;
        }
        chain = chain.compose(n -> pay(record).otherwise(false).map(paid -> paid ? n : n + 1));
      }
      return chain.onSuccess(meters::rewardsPending);
    });
  }
}
