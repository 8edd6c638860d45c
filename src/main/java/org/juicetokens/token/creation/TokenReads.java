package org.juicetokens.token.creation;

import io.vertx.core.Future;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.ListTokensRequest;
import org.juicetokens.api.v1.TokenHistory;
import org.juicetokens.api.v1.TokenList;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenIndexEntry;
import org.juicetokens.token.telomere.TokenHistories;
import org.juicetokens.token.telomere.VerifyOptions;

import java.util.List;

/**
 * Reads, on any node: a token is found through the DHT token index (its home node), a balance or
 * token list through the identity's document (its home node); the home node answers from its
 * storage. {@code ...Here} methods are the home node's side; a token is verified there on every
 * read (genesis signature by a key of the issuer identity, telomere against the index entry).
 */
final class TokenReads {
  private final TokenCalls calls;
  private final TokenIndex index;
  private final HomeTokens home;
  private final int maxReferenceChars;
  private final int tailLinks;
  private final TokenVerification.TelomereCheck telomere;

  TokenReads(TokenCalls calls, TokenIndex index, HomeTokens home, int maxReferenceChars, int tailLinks,
             TokenVerification.TelomereCheck telomere) {
    this.telomere = telomere;
    this.calls = calls;
    this.index = index;
    this.home = home;
    this.maxReferenceChars = maxReferenceChars;
    this.tailLinks = tailLinks;
  }

  Future<TokenReply> get(TokenRequest request) {
    return homeOfToken(request.getTokenId())
      .compose(node -> calls.ask(Addresses.node(node, Addresses.TOKEN_GET_SUFFIX), request, calls.timeoutMs(), TokenReply.class));
  }

  Future<TokenHistory> history(TokenRequest request) {
    return homeOfToken(request.getTokenId())
      .compose(node -> calls.ask(Addresses.node(node, Addresses.TOKEN_HISTORY_SUFFIX), request, calls.timeoutMs(), TokenHistory.class));
  }

  Future<Balance> balance(BalanceRequest request) {
    return homeOfIdentity(request.getId())
      .compose(node -> calls.ask(Addresses.node(node, Addresses.TOKEN_BALANCE_SUFFIX), request, calls.timeoutMs(), Balance.class));
  }

  Future<TokenList> list(ListTokensRequest request) {
    if (request.getLimit() < 0) {
      return Future.failedFuture(JuiceException.invalidArgument("limit must be >= 0 (0 = token.listLimit), got " + request.getLimit()));
    }
    return homeOfIdentity(request.getId())
      .compose(node -> calls.ask(Addresses.node(node, Addresses.TOKEN_LIST_SUFFIX), request, calls.timeoutMs(), TokenList.class));
  }

  Future<TokenReply> getHere(TokenRequest request) {
    return home.read(request.getTokenId()).compose(token -> indexOrNull(token.getId()).compose(entry ->
      issuerKeys(token).map(keys -> {
        String failure = TokenVerification.failure(token, keys, entry, tailLinks, telomere);
        TokenReply.Builder reply = TokenReply.newBuilder().setToken(token).setVerified(failure == null)
          .setVerificationFailure(failure == null ? "" : failure);
        if (entry != null) {
          reply.setIndex(entry);
        }
        return reply.build();
      })));
  }

  Future<TokenHistory> historyHere(TokenRequest request) {
    return home.read(request.getTokenId()).compose(token -> indexOrNull(token.getId()).map(entry -> {
      VerifyOptions options = VerifyOptions.of(tailLinks);
      if (entry != null) {
        options = options.withIndex(entry.getTransferNumber(), entry.getHead().toByteArray());
      }
      return TokenHistories.of(token.getId(), token.getGenesis(), token.getTelomere(), options);
    }));
  }

  Future<Balance> balanceHere(BalanceRequest request) {
    return home.balance(request.getId());
  }

  Future<TokenList> listHere(ListTokensRequest request) {
    return home.list(request.getId(), request.getLimit());
  }

  private Future<String> homeOfToken(String tokenId) {
    try {
      TokenIds.parse(tokenId, maxReferenceChars);
    } catch (JuiceException e) {
      return Future.failedFuture(e);
    }
    return index.lookup(tokenId).map(TokenIndexEntry::getHomeNode);
  }

  private Future<String> homeOfIdentity(String id) {
    if (id == null || id.isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument("an identity id is required"));
    }
    return calls.identity("identity", id).map(view -> view.getDocument().getHomeNode());
  }

  private Future<TokenIndexEntry> indexOrNull(String tokenId) {
    return index.lookup(tokenId).recover(failure -> failure instanceof JuiceException je && je.code() == ErrorCode.NOT_FOUND
      ? Future.succeededFuture(null) : Future.failedFuture(failure));
  }

  /** The issuer identity's keys; none when the issuer is unknown (then verification fails and says so). */
  private Future<List<byte[]>> issuerKeys(Token token) {
    GenesisRecord record;
    try {
      record = HomeTokens.issuerOf(token);
    } catch (JuiceException e) {
      return Future.succeededFuture(List.of());
    }
    return calls.identity("issuer", record.getIssuerId())
      .map(view -> view.getDocument().getKeysList().stream().map(k -> k.getPublicKey().toByteArray()).toList())
      .recover(failure -> failure instanceof JuiceException je && je.code() == ErrorCode.NOT_FOUND
        ? Future.succeededFuture(List.<byte[]>of()) : Future.failedFuture(failure));
  }
}
