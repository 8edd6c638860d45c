package org.juicetokens.api.grpc;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.ListTokensRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.TokenHistory;
import org.juicetokens.api.v1.TokenList;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.api.v1.TokenServiceService;
import org.juicetokens.common.Addresses;
import org.juicetokens.token.creation.MintTimeouts;

/**
 * {@code juicetokens.api.v1.TokenService}: each call one request to the node's token layer, which
 * routes it to the node holding the data (the issuer's home node for a mint, the token's or the
 * identity's home node for reads). A mint crosses up to three nodes and signs up to
 * token.maxMintCount records, so it waits longer ({@link MintTimeouts}).
 */
public final class TokenGrpcService extends TokenServiceService {
  private final EventBus bus;
  private final long timeoutMs;

  public TokenGrpcService(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Future<MintReply> mintTokens(MintRequest request) {
    return LayerCalls.ask(bus, Addresses.TOKEN_MINT, request, MintTimeouts.waitMs(timeoutMs, request.getCount(), 2), MintReply.class);
  }

  @Override
  public Future<TokenReply> getToken(TokenRequest request) {
    return LayerCalls.ask(bus, Addresses.TOKEN_GET, request, 2 * timeoutMs, TokenReply.class);
  }

  @Override
  public Future<TokenHistory> getTokenHistory(TokenRequest request) {
    return LayerCalls.ask(bus, Addresses.TOKEN_HISTORY, request, 2 * timeoutMs, TokenHistory.class);
  }

  @Override
  public Future<Balance> getBalance(BalanceRequest request) {
    return LayerCalls.ask(bus, Addresses.TOKEN_BALANCE, request, 2 * timeoutMs, Balance.class);
  }

  @Override
  public Future<TokenList> listTokens(ListTokensRequest request) {
    return LayerCalls.ask(bus, Addresses.TOKEN_LIST, request, 2 * timeoutMs, TokenList.class);
  }
}
