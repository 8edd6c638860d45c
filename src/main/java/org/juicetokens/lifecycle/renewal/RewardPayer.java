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
 * the owner. Under one unit (a payment moves at least one whole token, so no transfer can carry it):
 * the owner's wissel paid it in the renewal's own batch, and the outbox marker {@code rwc/<renewal id>}
 * (counted in flight by the audit) is delivered to the facilitator's home node ({@link RewardCredits}),
 * then removed. One unit or more: an ordinary transfer from the outbox marker {@code rw/<renewal id>}
 * (value and change as for any payment), removed once it COMMITTED; a retry uses the same tx id (the
 * transaction layer answers the same transfer, never pays twice), one that ended ABORTED or FAILED is
 * tried again under the next attempt's tx id. Either way the cluster audit balances.
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
    Future<Boolean> paid = record.getRewardHundredths() < 100 ? credit(record) : transfer(record);
    return paid.onFailure(e -> LOG.warn("[Renewal] reward of {} not paid yet: {}", record.getRenewalId(), e.getMessage()))
      .onComplete(ar -> paying.remove(record.getRenewalId()));
  }

  /** Under one unit: the owner's wissel already paid; the facilitator's home node credits its wissel. */
  private Future<Boolean> credit(RenewalRecord record) {
    return calls.activeIdentity("facilitator", record.getFacilitatorId()).compose(view -> calls.ask(
        Addresses.node(view.getDocument().getHomeNode(), Addresses.RENEWAL_CREDIT_SUFFIX), record, 2 * calls.timeoutMs(), RenewalRecord.class))
      .compose(credited -> {
        meters.rewardPaid(record.getRewardHundredths());
        return calls.batch(StoreBatch.newBuilder().setSync(true)
          .addWrites(RenewalLayout.delete(RenewalLayout.creditKey(record.getRenewalId()))).build()).map(ack -> true);
      });
  }

  private Future<Boolean> transfer(RenewalRecord record) {
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
    });
  }

  /** Pays every reward still owed (the outbox); answers how many remain unpaid. */
  Future<Integer> payOwed(int limit) {
    return payOwed(RenewalLayout.CREDIT_PREFIX, limit).compose(credits -> payOwed(RenewalLayout.REWARD_PREFIX, limit).map(n -> n + credits))
      .onSuccess(meters::rewardsPending);
  }

  private Future<Integer> payOwed(String prefix, int limit) {
    return calls.scan(StoreFamily.NOTICES, RenewalLayout.bytes(prefix), limit).compose(scan -> {
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
      return chain;
    });
  }
}
