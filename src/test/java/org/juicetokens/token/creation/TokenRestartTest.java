package org.juicetokens.token.creation;

import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.token.proto.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.token.creation.TokenTestSupport.ask;
import static org.juicetokens.token.creation.TokenTestSupport.failure;
import static org.juicetokens.token.creation.TokenTestSupport.identity;
import static org.juicetokens.token.creation.TokenTestSupport.mint;
import static org.juicetokens.token.creation.TokenTestSupport.request;

/**
 * The DHT lives in memory: when every member restarts it is empty. The home node gives back what
 * only it kept: the issuance claims of its issuers (so numbering continues and nobody else can
 * claim the issuance) and the index entries of the tokens it holds (so they can be read again).
 */
class TokenRestartTest {

  @Test
  void claims_and_index_entries_come_back_when_the_whole_cluster_restarts(@TempDir Path tmp) throws Exception {
    JuiceNode node = TokenTestSupport.startCluster(tmp, List.of("again"), Map.of()).get(0);
    String issuer;
    String owner;
    String intruder;
    try {
      issuer = identity(node, "Issuer");
      owner = identity(node, "Owner");
      intruder = identity(node, "Intruder");
      mint(node, issuer, owner, "keep", 10, 3);
    } finally {
      node.close().await(30, TimeUnit.SECONDS);
    }

    // same node id and data directory, a new cluster: an empty DHT
    node = TokenTestSupport.startCluster(tmp, List.of("again"), Map.of()).get(0);
    try {
      long deadline = System.currentTimeMillis() + 20_000;
      TokenReply read = null;
      while (read == null) {
        try {
          read = ask(node, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId("47c609bc-keep-10-002").build(), TokenReply.class);
        } catch (Exception e) {
          assertThat(System.currentTimeMillis()).as("index entry back: " + e.getMessage()).isLessThan(deadline);
          Thread.sleep(200);
        }
      }
      assertThat(read.getVerified()).as(read.getVerificationFailure()).isTrue();

      MintReply more = mint(node, issuer, owner, "keep", 10, 2);
      assertThat(more.getIssuanceClaimed()).isFalse();
      assertThat(more.getTokensList()).extracting(Token::getId).containsExactly("47c609bc-keep-10-004", "47c609bc-keep-10-005");
      JuiceException refused = failure(node, Addresses.TOKEN_MINT, request(intruder, owner, "keep", 10, 1));
      assertThat(refused.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
      Balance balance = ask(node, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(owner).build(), Balance.class);
      assertThat(balance.getAmountHundredths()).isEqualTo(5 * 1000);
    } finally {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }
}
