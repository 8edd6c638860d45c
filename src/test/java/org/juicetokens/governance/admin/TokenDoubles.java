package org.juicetokens.governance.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.juicetokens.api.v1.HistoryEntry;
import org.juicetokens.api.v1.TokenHistory;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.HeldCount;
import org.juicetokens.token.proto.TokenStats;
import org.juicetokens.token.proto.TokenStatsRequest;

/** The token layer's answers for the console test (the edge test node runs no token verticle). */
final class TokenDoubles {
  static final String TOKEN_ID = "47c609bc-coffee-10-001";

  private TokenDoubles() {
  }

  static void serve(Vertx vertx) {
    Bus.serveLocal(vertx.eventBus(), Addresses.TOKEN_STATS, TokenStatsRequest.class, r -> Future.succeededFuture(TokenStats.newBuilder()
      .setLocation("47c609bc").setTokensHeld(12).setMinted(12)
      .addHeld(HeldCount.newBuilder().setDenomination(1).setCount(2)).addHeld(HeldCount.newBuilder().setDenomination(2))
      .addHeld(HeldCount.newBuilder().setDenomination(5)).addHeld(HeldCount.newBuilder().setDenomination(10).setCount(10))
      .addHeld(HeldCount.newBuilder().setDenomination(20)).addHeld(HeldCount.newBuilder().setDenomination(50))
      .addHeld(HeldCount.newBuilder().setDenomination(100)).addHeld(HeldCount.newBuilder().setDenomination(200))
      .addHeld(HeldCount.newBuilder().setDenomination(500)).build()));
    Bus.serveLocal(vertx.eventBus(), Addresses.TOKEN_HISTORY, TokenRequest.class, r -> !r.getTokenId().equals(TOKEN_ID)
      ? Future.failedFuture(JuiceException.notFound("token " + r.getTokenId() + " not found"))
      : Future.succeededFuture(TokenHistory.newBuilder().setTokenId(TOKEN_ID).setTransfers(1).setValid(true)
        .addEntries(HistoryEntry.newBuilder().setTransferNumber(0).setOwnerKey("aa11").setSignerKey("bb22").setHead("cc33")
          .setTimestampMs(1_800_000_000_000L).setSignatureValid(true))
        .addEntries(HistoryEntry.newBuilder().setTransferNumber(1).setOwnerKey("dd44").setSignerKey("aa11").setTxId("tx-1")
          .setHead("ee55").setSignatureValid(true))
        .build()));
  }
}
