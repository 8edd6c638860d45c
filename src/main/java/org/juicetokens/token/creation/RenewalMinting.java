package org.juicetokens.token.creation;

import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.RenewalLinkSigned;
import org.juicetokens.token.proto.RenewalMintRequest;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenIndexEntry;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.telomere.RenewalLinks;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The replacement of a renewed token, minted on the issuer's home node (its key signs every genesis,
 * renewals included, so a renewed token verifies as any other token): the owner's renewal link must
 * be signed by the owner's active key and name the token as the DHT index has it (owned by the
 * owner, at that head and transfer, not RENEWED yet); then one index of the issuance is obtained
 * (compare-and-set, as a mint) and the genesis record, carrying the link, is signed. The token is
 * answered, not stored: the owner's home node stores it with the old token's RENEWED state in one
 * batch. A failure after the index was obtained leaves a gap in the numbering, never a reused index.
 */
final class RenewalMinting {
  private final TokenCalls calls;
  private final IssuanceLedger ledger;
  private final TokenIndex index;
  private final String nodeId;
  private final BooleanSupplier claimsRestored;

  RenewalMinting(TokenCalls calls, IssuanceLedger ledger, TokenIndex index, String nodeId, BooleanSupplier claimsRestored) {
    this.calls = calls;
    this.ledger = ledger;
    this.index = index;
    this.nodeId = nodeId;
    this.claimsRestored = claimsRestored;
  }

  Future<Token> mint(RenewalMintRequest request) {
    RenewalLinkSigned signed = RenewalLinks.signed(request.getLink());
    if (!signed.getOldTokenId().equals(request.getOldTokenId())) {
      return Future.failedFuture(JuiceException.invalidArgument("the renewal link is of token " + signed.getOldTokenId()));
    }
    TokenIds.TokenId old = TokenIds.parse(request.getOldTokenId(), Integer.MAX_VALUE);
    if (old.denomination() != request.getDenomination()) {
      return Future.failedFuture(JuiceException.invalidArgument("denomination differs from the token id's"));
    }
    if (!claimsRestored.getAsBoolean()) {
      return Future.failedFuture(JuiceException.unavailable("node " + nodeId + " is still restoring its issuance claims", null));
    }
    Future<IdentityView> issuer = calls.activeIdentity("issuer", request.getIssuerId());
    Future<IdentityView> owner = calls.activeIdentity("owner", request.getOwnerId());
    Future<TokenIndexEntry> entry = index.lookup(request.getOldTokenId());
    Future<IssuanceLedger.Seen> claim = ledger.read(old.issuanceId());
    return Future.all(issuer, owner, entry, claim).compose(all -> {
      if (!issuer.result().getDocument().getHomeNode().equals(nodeId)) {
        throw new JuiceException(ErrorCode.CONFLICT, "issuer " + request.getIssuerId() + " is not homed on " + nodeId);
      }
      byte[] ownerKey = owner.result().getActivePublicKey().toByteArray();
      RenewalLinks.requireSigned(request.getLink(), ownerKey);
      requireIndexed(entry.result(), request.getOwnerId(), signed);
      if (signed.getNewExpiresAtMs() <= System.currentTimeMillis()) {
        throw JuiceException.invalidArgument("the new expiry is in the past");
      }
      if (claim.result().claim() == null) {
        throw JuiceException.notFound("issuance " + old.issuanceId() + " has no claim");
      }
      byte[] issuerKey = issuer.result().getActivePublicKey().toByteArray();
      MintOrder order = new MintOrder(request.getIssuerId(), request.getOwnerId(), old.reference(), old.denomination(), 1);
      return ledger.obtain(order, old.issuanceId(), issuerKey, claim.result()).compose(range -> {
        long now = System.currentTimeMillis();
        GenesisRecord record = GenesisRecord.newBuilder()
          .setTokenId(TokenIds.format(old.location(), old.reference(), old.denomination(), range.first()))
          .setDenomination(old.denomination()).setIssuerId(request.getIssuerId()).setIssuerKey(com.google.protobuf.ByteString.copyFrom(issuerKey))
          .setOwnerId(request.getOwnerId()).setOwnerKey(com.google.protobuf.ByteString.copyFrom(ownerKey))
          .setCreatedAtMs(now).setExpiresAtMs(signed.getNewExpiresAtMs()).setRenewal(request.getLink()).build();
        return calls.sign(request.getIssuerId(), "genesis", record.toByteArray()).map(signature -> {
          if (!Arrays.equals(signature.getPublicKey().toByteArray(), issuerKey)) {
            throw new JuiceException(ErrorCode.CONFLICT, "issuer " + request.getIssuerId() + " changed its key during the renewal");
          }
          return TokenMint.token(record, signature.getSignature().toByteArray());
        });
      });
    });
  }

  private static void requireIndexed(TokenIndexEntry entry, String ownerId, RenewalLinkSigned signed) {
    if (entry.getState() == TokenState.RENEWED) {
      throw new JuiceException(ErrorCode.CONFLICT, "token " + signed.getOldTokenId() + " is already renewed");
    }
    if (!entry.getOwnerId().equals(ownerId) || entry.getTransferNumber() != signed.getOldTransfers()
      || !entry.getHead().equals(signed.getOldHead())) {
      throw new JuiceException(ErrorCode.CONFLICT, "the renewal names token " + signed.getOldTokenId()
        + " in another state than its index entry (owner, transfer or head)");
    }
  }
}
