package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.Future;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Hashes;
import org.juicetokens.lifecycle.renewal.proto.RenewReply;
import org.juicetokens.lifecycle.renewal.proto.RenewRequest;
import org.juicetokens.lifecycle.renewal.proto.RenewalRecord;
import org.juicetokens.token.creation.TokenVerification;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.RenewalLink;
import org.juicetokens.token.proto.RenewalLinkSigned;
import org.juicetokens.token.proto.RenewalMintRequest;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenApplyReply;
import org.juicetokens.token.telomere.RenewalLinks;
import org.juicetokens.trust.chain.proto.ChainAppendReply;
import org.juicetokens.trust.chain.proto.ChainAppendRequest;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A renewal, run on the token's home node (PROTOCOL.md §Lifecycle), in this order so that a refusal
 * at any step writes nothing: the token as its home node verifies it, the rules (owner, state,
 * expiry, facilitator), the owner's signature over the renewal link (custodial, or given by the
 * caller: verified either way), the replacement minted and signed on the issuer's home node and
 * checked here, then ONE synced batch through the owner's token queue: old token RENEWED, the
 * replacement stored, the renewal record and (facilitated) the reward outbox marker. After it: the
 * RENEWAL entry on the owner's chain (deduplicated by the renewal id) and the reward transfer.
 */
final class Renewals {
  private static final Logger LOG = LoggerFactory.getLogger(Renewals.class);

  private final RenewalCalls calls;
  private final RenewalSettings settings;
  private final RewardPayer rewards;
  private final RenewalMeters meters;
  private final String nodeId;
  private final java.util.function.Consumer<RenewReply> onRenewed;

  Renewals(RenewalCalls calls, RenewalSettings settings, RewardPayer rewards, RenewalMeters meters, String nodeId,
           java.util.function.Consumer<RenewReply> onRenewed) {
    this.onRenewed = onRenewed;
    this.meters = meters;
    this.calls = calls;
    this.settings = settings;
    this.rewards = rewards;
    this.nodeId = nodeId;
  }

  /** Entry point on any node: forwards to the node holding the token. */
  Future<RenewReply> renew(RenewRequest request) {
    if (request.getTokenId().isBlank() || request.getRequesterId().isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("tokenId and requesterId are required"));
    }
    long start = System.nanoTime();
    return calls.token(request.getTokenId()).onFailure(e -> meters.renewal(null, false, false, System.nanoTime() - start)).compose(reply -> {
      String home = reply.getIndex().getHomeNode();
      if (home.isEmpty() || home.equals(nodeId)) {
        return renewHere(request, reply);
      }
      return calls.ask(Addresses.node(home, Addresses.RENEWAL_RENEW_SUFFIX), request, 4 * calls.timeoutMs(), RenewReply.class);
    });
  }

  /** The point-to-point entry on the home node: the token is read again here. */
  Future<RenewReply> renewHere(RenewRequest request) {
    return calls.token(request.getTokenId()).compose(reply -> renewHere(request, reply));
  }

  private Future<RenewReply> renewHere(RenewRequest request, TokenReply reply) {
    long start = System.nanoTime();
    String age = RenewalRules.ageBucket(reply.getToken().getCreatedAtMs(), System.currentTimeMillis(), settings.timeScale());
    boolean facilitated = !request.getFacilitatorId().isBlank();
    Future<RenewReply> done;
    try {
      done = checkedRenewal(request, reply);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.onComplete(ar -> meters.renewal(age, ar.succeeded(), facilitated, System.nanoTime() - start)).onSuccess(onRenewed::accept);
  }

  private Future<RenewReply> checkedRenewal(RenewRequest request, TokenReply reply) {
    Token old = reply.getToken();
    if (!reply.getVerified()) {
      return Future.failedFuture(JuiceException.invalidArgument("token " + old.getId() + " does not verify: " + reply.getVerificationFailure()));
    }
    long now = System.currentTimeMillis();
    String facilitator = request.getFacilitatorId().trim();
    RenewalRules.check(old, request.getRequesterId().trim(), facilitator, now);
    GenesisRecord genesis = genesisOf(old);
    Future<IdentityView> owner = calls.activeIdentity("owner", old.getOwnerId());
    Future<IdentityView> issuer = calls.activeIdentity("issuer", genesis.getIssuerId());
    Future<?> helper = facilitator.isEmpty() ? Future.succeededFuture() : calls.activeIdentity("facilitator", facilitator);
    return Future.all(owner, issuer, helper).compose(all -> {
      byte[] ownerKey = owner.result().getActivePublicKey().toByteArray();
      long renewedAt = request.getSignedAtMs() > 0 ? request.getSignedAtMs() : now;
      RenewalLinkSigned signed = RenewalLinks.toSign(RenewalLinks.renewalId(old), old, ownerKey, old.getOwnerId(), facilitator,
        renewedAt + settings.lifetimeMs(), renewedAt);
      byte[] bytes = RenewalLinks.signingBytes(signed.toByteString());
      Future<byte[]> signature = request.getSignature().isEmpty()
        ? calls.sign(old.getOwnerId(), bytes).map(s -> s.getSignature().toByteArray())
        : Future.succeededFuture(request.getSignature().toByteArray());
      return signature.compose(sig -> {
        RenewalLink link = RenewalLinks.link(signed, sig);
        RenewalLinks.requireSigned(link, ownerKey);
        RenewalMintRequest mint = RenewalMintRequest.newBuilder().setLink(link).setOwnerId(old.getOwnerId())
          .setIssuerId(genesis.getIssuerId()).setOldTokenId(old.getId()).setDenomination(old.getDenomination()).build();
        return calls.ask(Addresses.node(issuer.result().getDocument().getHomeNode(), Addresses.TOKEN_RENEW_MINT_SUFFIX), mint,
          2 * calls.timeoutMs(), Token.class);
      }).compose(renewed -> store(old, renewed, signed, issuer.result(), now));
    });
  }

  private Future<RenewReply> store(Token old, Token renewed, RenewalLinkSigned signed, IdentityView issuer, long now) {
    List<byte[]> issuerKeys = issuer.getDocument().getKeysList().stream().map(k -> k.getPublicKey().toByteArray()).toList();
    String failure = TokenVerification.failure(renewed, issuerKeys);
    if (failure == null) {
      failure = RenewalLinks.failure(renewed, old);
    }
    if (failure != null) {
      return Future.failedFuture(new JuiceException(ErrorCode.UNAUTHENTICATED, "the issuer's replacement of " + old.getId()
        + " is refused: " + failure));
    }
    long value = old.getDenomination() * 100L;
    long reward = signed.getFacilitatorId().isEmpty() ? 0 : RenewalRules.reward(value, settings.rewardPercent());
    RenewalRecord record = RenewalRecord.newBuilder().setRenewalId(signed.getRenewalId()).setOwnerId(old.getOwnerId())
      .setOldTokenId(old.getId()).setNewTokenId(renewed.getId()).setFacilitatorId(signed.getFacilitatorId())
      .setValueHundredths(value).setRewardHundredths(reward).setRenewedAtMs(signed.getRenewedAtMs())
      .setTokenAgeMs(now - old.getCreatedAtMs()).setRewardTxId(reward >= 100 ? RewardPayer.txId(signed.getRenewalId(), 0) : "").build();
    TokenApply.Builder step = TokenApply.newBuilder().setOwnerId(old.getOwnerId()).setTxId(signed.getRenewalId()).setSync(true)
      .addRenewIds(old.getId()).addPutTokens(renewed)
      .addWrites(RenewalLayout.put(RenewalLayout.renewalKey(record.getRenewalId()), record.toByteString()));
    if (reward > 0 && reward < 100) {
      // under one unit: the owner's wissel pays it in this very batch; the facilitator's wissel is credited from the outbox
      step.setWisselDeltaHundredths((int) -reward)
        .addWrites(RenewalLayout.put(RenewalLayout.creditKey(record.getRenewalId()), record.toByteString()));
    } else if (reward > 0) {
      step.addWrites(RenewalLayout.put(RenewalLayout.rewardKey(record.getRenewalId()), record.toByteString()));
    }
    return calls.ask(Addresses.TOKEN_APPLY, step.build(), calls.timeoutMs(), TokenApplyReply.class).compose(applied -> {
      appendToChain(record);
      // a credit (under one unit) is one request to the facilitator's node: answered with it; a reward transfer
      // may take as long as a payment does, so the reply does not wait for it (the outbox holds it either way)
      Future<Boolean> paid = reward > 0 && reward < 100 ? rewards.pay(record).otherwise(false) : Future.succeededFuture(false);
      if (reward >= 100) {
        rewards.pay(record);
      }
      return paid.map(p -> RenewReply.newBuilder().setRenewalId(record.getRenewalId()).setOldTokenId(old.getId())
        .setNewToken(renewed).setFacilitatorId(record.getFacilitatorId()).setRewardHundredths(reward)
        .setRewardTxId(record.getRewardTxId()).setRewardPaid(p).setRenewedAtMs(record.getRenewedAtMs()).build());
    });
  }

  /** The RENEWAL entry on the owner's personal chain; a failure is logged (the renewal itself is done). */
  private void appendToChain(RenewalRecord record) {
    byte[] payload = Hashes.sha256(record.getRenewalId().getBytes(StandardCharsets.UTF_8),
      record.getOldTokenId().getBytes(StandardCharsets.UTF_8), record.getNewTokenId().getBytes(StandardCharsets.UTF_8));
    ChainAppendRequest append = ChainAppendRequest.newBuilder().setIdentityId(record.getOwnerId()).setType(ChainEntryType.RENEWAL)
      .setPayloadHash(ByteString.copyFrom(payload)).setDedupKey("renewal-" + record.getRenewalId()).build();
    calls.ask(Addresses.CHAIN_APPEND, append, 2 * calls.timeoutMs(), ChainAppendReply.class)
      .onFailure(e -> LOG.warn("[Renewal] RENEWAL chain entry of {} not appended: {}", record.getRenewalId(), e.getMessage()));
  }

  private static GenesisRecord genesisOf(Token token) {
    try {
      return GenesisRecord.parseFrom(token.getGenesis().getRecord());
    } catch (InvalidProtocolBufferException e) {
      throw JuiceException.invalidArgument("token " + token.getId() + " has an undecodable genesis record");
    }
  }
}
