package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.lifecycle.renewal.proto.RenewalRecord;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.RenewalLinkSigned;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenApplyReply;
import org.juicetokens.token.telomere.RenewalLinks;

import java.util.HashSet;
import java.util.Set;

/**
 * The facilitator's side of a reward under one unit, on its home node: the owner's wissel paid it in
 * the renewal's batch; here it is added to the facilitator's wissel, once. It is credited only when
 * the replacement token (read and verified through its home node) carries an owner-signed renewal
 * link naming this facilitator, and the amount is the reward rule's for its value; the credit and the
 * {@code rwd/<renewal id>} marker are one batch through the facilitator's token queue, and a marker
 * found answers "already credited" (a repeated delivery from the owner's outbox changes nothing).
 */
final class RewardCredits {
  private final RenewalCalls calls;
  private final RenewalSettings settings;
  private final Set<String> crediting = new HashSet<>();

  RewardCredits(RenewalCalls calls, RenewalSettings settings) {
    this.calls = calls;
    this.settings = settings;
  }

  Future<RenewalRecord> credit(RenewalRecord record) {
    if (!crediting.add(record.getRenewalId())) {
      return Future.failedFuture(JuiceException.unavailable("the reward of " + record.getRenewalId() + " is being credited", null));
    }
    return calls.get(RenewalLayout.creditedKey(record.getRenewalId())).compose(marker -> marker.getFound()
        ? Future.succeededFuture(record) : checked(record).compose(v -> apply(record)))
      .onComplete(ar -> crediting.remove(record.getRenewalId()));
  }

  private Future<Void> checked(RenewalRecord record) {
    return calls.token(record.getNewTokenId()).map(reply -> {
      RenewalLinkSigned link;
      try {
        GenesisRecord genesis = GenesisRecord.parseFrom(reply.getToken().getGenesis().getRecord());
        link = RenewalLinks.requireSigned(genesis.getRenewal(), RenewalLinks.signed(genesis.getRenewal()).getOwnerKey().toByteArray());
      } catch (InvalidProtocolBufferException e) {
        throw JuiceException.invalidArgument("token " + record.getNewTokenId() + " has an undecodable genesis");
      }
      long due = RenewalRules.reward(reply.getToken().getDenomination() * 100L, settings.rewardPercent());
      if (!reply.getVerified() || !link.getRenewalId().equals(record.getRenewalId()) || !link.getFacilitatorId().equals(record.getFacilitatorId())
        || due != record.getRewardHundredths()) {
        throw new JuiceException(ErrorCode.PERMISSION_DENIED, "no verified renewal " + record.getRenewalId() + " owes "
          + record.getFacilitatorId() + " " + record.getRewardHundredths() + " hundredths");
      }
      return null;
    });
  }

  private Future<RenewalRecord> apply(RenewalRecord record) {
    TokenApply step = TokenApply.newBuilder().setOwnerId(record.getFacilitatorId()).setTxId(record.getRenewalId() + "-credit")
      .setWisselDeltaHundredths((int) record.getRewardHundredths()).setSync(true)
      .addWrites(RenewalLayout.put(RenewalLayout.creditedKey(record.getRenewalId()), record.toByteString())).build();
    return calls.ask(Addresses.TOKEN_APPLY, step, calls.timeoutMs(), TokenApplyReply.class).map(reply -> record);
  }
}
