package org.juicetokens.token.creation;

import io.vertx.core.Future;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenStoreReply;
import org.juicetokens.token.proto.TokenStoreRequest;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A mint on the issuer's home node (its key signs here), in this order, so that a refusal at any
 * step leaves nothing behind: the request's own checks (reference, denomination, count), the issuer
 * (ACTIVE, homed here) and the owner (exists, ACTIVE), the issuance claim or its index counter
 * (DHT), the genesis records signed by the issuer, then the tokens handed to the owner's home node,
 * which stores them in one batch and writes their index entries. A mint refused by the claim (someone
 * else's issuance) has written nothing; a mint that fails after obtaining its indices leaves a gap
 * in the issuance's numbering, never a reused index. Eggs use two more modes ({@link ReservedIndex}): a
 * reservation of indices without tokens, and the later mint of one token at a reserved index.
 */
final class Minting {
  private final TokenCalls calls;
  private final TokenMint mint;
  private final IssuanceLedger ledger;
  private final MintLimits limits;
  private final TokenMeters meters;
  private final String nodeId;
  private final BooleanSupplier claimsRestored;
  /** Told of every committed mint on this node (TokenVerticle publishes its tokens on Addresses.TOKEN_CREATED). */
  private final Consumer<MintReply> minted;
  private final LocalStore storeHere;

  /**
   * Stores tokens for an owner homed on this node without a bus round trip, given the issuer as
   * this mint read and verified it (HomeTokens#storeMinted: the store does not look it up again);
   * the tokens' batch is written only after {@code writeAfter} succeeded (the claim's keep).
   */
  @FunctionalInterface
  interface LocalStore {
    Future<TokenStoreReply> store(TokenStoreRequest request, IdentityView issuer, Future<?> writeAfter);
  }

  /** The request-level limits (settings token.denominations, token.maxMintCount, token.maxReferenceChars). */
  record MintLimits(Denominations denominations, int maxCount, int maxReferenceChars) {
    MintOrder check(MintRequest request) {
      return MintOrder.check(request, denominations, maxCount, maxReferenceChars);
    }
  }

  Minting(TokenCalls calls, TokenMint mint, IssuanceLedger ledger, MintLimits limits, TokenMeters meters, String nodeId,
          BooleanSupplier claimsRestored, Consumer<MintReply> minted, LocalStore storeHere) {
    this.minted = minted;
    this.storeHere = storeHere;
    this.meters = meters;
    this.claimsRestored = claimsRestored;
    this.calls = calls;
    this.mint = mint;
    this.ledger = ledger;
    this.limits = limits;
    this.nodeId = nodeId;
  }

  /** Entry point on any node: checks the request, then mints here or on the issuer's home node. */
  Future<MintReply> mint(MintRequest request) {
    MintOrder order = limits.check(request);
    ReservedIndex.checkMode(request);
    return calls.identity("issuer", order.issuerId()).compose(issuer -> {
      String home = issuer.getDocument().getHomeNode();
      if (home.equals(nodeId)) {
        return mintWith(order, request, issuer);
      }
      return calls.ask(Addresses.node(home, Addresses.TOKEN_MINT_SUFFIX), request,
        MintTimeouts.waitMs(calls.timeoutMs(), order.count(), 1), MintReply.class);
    });
  }

  /** The mint on the issuer's home node (point-to-point entry: the issuer is read again here). */
  Future<MintReply> mintHere(MintRequest request) {
    MintOrder order = limits.check(request);
    ReservedIndex.checkMode(request);
    return calls.identity("issuer", order.issuerId()).compose(issuer -> mintWith(order, request, issuer));
  }

  /**
   * The issuer must be ACTIVE and homed here, the owner known and ACTIVE; the claim is read
   * meanwhile (a read changes nothing) and written only after both checks passed.
   */
  private Future<MintReply> mintWith(MintOrder order, MintRequest mode, IdentityView issuer) {
    try {
      TokenCalls.requireActive("issuer", order.issuerId(), issuer);
    } catch (JuiceException e) {
      return Future.failedFuture(e);
    }
    if (!issuer.getDocument().getHomeNode().equals(nodeId)) {
      return Future.failedFuture(new JuiceException(ErrorCode.CONFLICT, "issuer " + order.issuerId() + " is homed on node "
        + issuer.getDocument().getHomeNode() + ", not on " + nodeId));
    }
    if (!claimsRestored.getAsBoolean()) {
      return Future.failedFuture(JuiceException.unavailable("node " + nodeId
        + " is still putting its issuance claims back into the DHT; mint again shortly", null));
    }
    String issuanceId = mint.issuanceId(order.reference());
    Future<IdentityView> owner = calls.activeIdentity("owner", order.ownerId());
    Future<IssuanceLedger.Seen> claim = ledger.read(issuanceId);
    return Future.all(owner, claim)
      .recover(failure -> Future.failedFuture(owner.failed() ? owner.cause() : failure))
      .compose(both -> mintFor(order, mode, issuanceId, issuer, owner.result(), claim.result()))
      .onSuccess(reply -> meters.minted(order.denomination(), reply.getTokensCount()))
      .onSuccess(minted::accept);
  }

  /** The indices of this mint: obtained from the ledger, or (an egg's hatch) the one reserved before if its token is not minted yet. */
  private Future<IssuanceLedger.Obtained> indices(MintOrder order, MintRequest mode, String issuanceId, byte[] issuerKey,
                                                  IssuanceLedger.Seen claim) {
    if (mode.getAtIndex() == 0) {
      return ledger.obtainKeeping(order, issuanceId, issuerKey, claim);
    }
    String tokenId = TokenIds.format(mint.location(), order.reference(), order.denomination(), mode.getAtIndex());
    return calls.dhtGet(DhtMaps.TOKEN_INDEX, tokenId, false).map(found -> {
      if (found.getFound()) {
        throw new JuiceException(ErrorCode.ALREADY_EXISTS, "token " + tokenId + " is already minted");
      }
      return new IssuanceLedger.Obtained(ReservedIndex.at(claim.claim(), issuanceId, order.issuerId(), mode.getAtIndex()),
        Future.succeededFuture());
    });
  }

  private Future<MintReply> mintFor(MintOrder order, MintRequest mode, String issuanceId, IdentityView issuer, IdentityView owner,
                                    IssuanceLedger.Seen claim) {
    byte[] issuerKey = issuer.getActivePublicKey().toByteArray();
    return indices(order, mode, issuanceId, issuerKey, claim).compose(obtained -> {
      IssuanceClaims.Range range = obtained.range();
      if (mode.getReserveOnly()) {
        return obtained.kept().map(ack -> MintReply.newBuilder().setIssuanceId(issuanceId).setIssuanceClaimed(range.claimed())
          .setFirstIndex(range.first()).build());
      }
      List<GenesisRecord> records = mint.records(order, range, issuerKey, owner.getActivePublicKey().toByteArray(),
        System.currentTimeMillis());
      // the signing and the store's checks write nothing: they overlap the claim's synced keep; the
      // tokens' batch is written only once the claim is kept
      return signAll(order.issuerId(), issuerKey, records)
        .compose(tokens -> store(order, issuer, owner, tokens, obtained.kept()))
        .map(stored -> MintReply.newBuilder()
          .addAllTokens(stored.getTokensList())
          .setIssuanceId(issuanceId)
          .setIssuanceClaimed(range.claimed())
          .setAmountHundredths(order.amountHundredths())
          .setIndexPending(stored.getIndexPending())
          .setFirstIndex(range.first())
          .build());
    });
  }

  /** To the owner's home node; in-process when that is this node (no bus hop, the issuer not looked up again). */
  private Future<TokenStoreReply> store(MintOrder order, IdentityView issuer, IdentityView owner, List<Token> tokens, Future<?> kept) {
    TokenStoreRequest request = TokenStoreRequest.newBuilder().addAllTokens(tokens).setMintingNode(nodeId).build();
    String home = owner.getDocument().getHomeNode();
    if (home.equals(nodeId)) {
      return storeHere.store(request, issuer, kept);
    }
    return kept.compose(ack -> calls.ask(Addresses.node(home, Addresses.TOKEN_STORE_SUFFIX), request,
      MintTimeouts.waitMs(calls.timeoutMs(), order.count(), 0), TokenStoreReply.class));
  }

  private Future<List<Token>> signAll(String issuerId, byte[] issuerKey, List<GenesisRecord> records) {
    List<Future<Token>> signed = new ArrayList<>(records.size());
    for (GenesisRecord record : records) {
      byte[] bytes = record.toByteArray();
      signed.add(calls.sign(issuerId, "genesis", bytes).map(signature -> {
        if (!Arrays.equals(signature.getPublicKey().toByteArray(), issuerKey)) {
          throw new JuiceException(ErrorCode.CONFLICT, "issuer " + issuerId + " changed its key during the mint; mint again");
        }
        return TokenMint.token(record, signature.getSignature().toByteArray());
      }));
    }
    return Future.all(signed).map(all -> signed.stream().map(Future::result).toList());
  }
}
