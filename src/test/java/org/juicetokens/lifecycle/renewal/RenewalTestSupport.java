package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.Message;
import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.JuiceException;
import org.juicetokens.lifecycle.renewal.proto.NoticeList;
import org.juicetokens.lifecycle.renewal.proto.NoticesRequest;
import org.juicetokens.lifecycle.renewal.proto.RenewReply;
import org.juicetokens.lifecycle.renewal.proto.RenewRequest;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.BusCalls;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenHeldReply;
import org.juicetokens.token.proto.TokenHeldRequest;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Identities, mints, renewals, notices, balances and the audit over a test node's bus (generous timeouts). */
final class RenewalTestSupport {
  static final long TIMEOUT_MS = 30_000;
  /** 1 protocol day = 1 s; a renewed token lives 20 s, notices 7, 3 and 1 s... days before its expiry. */
  static final Map<String, String> SETTINGS = Map.of("time.peerPollIntervalMs", "300", "tx.deadlineMs", "8000", "tx.retryMs", "300",
    "tx.maxRetryMs", "1000", "lifecycle.timeScale", "86400", "renewal.lifetimeDays", "20", "renewal.rewardRetryMs", "500");
  private static final AtomicInteger REFERENCES = new AtomicInteger();

  private RenewalTestSupport() {
  }

  static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    return BusCalls.ask(node, address, request, type, TIMEOUT_MS);
  }

  static JuiceException failure(JuiceNode node, String address, Message request) {
    return BusCalls.failure(node, address, request, TIMEOUT_MS);
  }

  static String identity(JuiceNode home, String name) throws Exception {
    return ask(home, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), IdentityView.class)
      .getDocument().getId();
  }

  static List<Token> mint(JuiceNode via, String issuer, String owner, int denomination, int count) throws Exception {
    return ask(via, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner)
      .setReference("renew" + REFERENCES.incrementAndGet()).setDenomination(denomination).setCount(count).build(), MintReply.class)
      .getTokensList();
  }

  static RenewRequest renewal(String tokenId, String requester, String facilitator) {
    return RenewRequest.newBuilder().setTokenId(tokenId).setRequesterId(requester).setFacilitatorId(facilitator).build();
  }

  static RenewReply renew(JuiceNode via, String tokenId, String requester, String facilitator) throws Exception {
    return ask(via, Addresses.RENEWAL_RENEW, renewal(tokenId, requester, facilitator), RenewReply.class);
  }

  static Token token(JuiceNode via, String tokenId) throws Exception {
    return ask(via, Addresses.TOKEN_GET, TokenRequest.newBuilder().setTokenId(tokenId).build(), TokenReply.class).getToken();
  }

  static List<Token> held(JuiceNode home, String owner) throws Exception {
    return ask(home, Addresses.TOKEN_HELD, TokenHeldRequest.newBuilder().setOwnerId(owner).build(), TokenHeldReply.class).getTokensList();
  }

  static long balance(JuiceNode via, String id) throws Exception {
    return ask(via, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(id).build(), Balance.class).getAmountHundredths();
  }

  static NoticeList notices(JuiceNode via, String id) throws Exception {
    return ask(via, Addresses.RENEWAL_NOTICES, NoticesRequest.newBuilder().setIdentityId(id).build(), NoticeList.class);
  }

  static AuditReport audit(JuiceNode via) throws Exception {
    return ask(via, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class);
  }

  /** The audit once it is conserved (index entries and in-flight transfers settle in the background). */
  static AuditReport conservedAudit(JuiceNode via) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    AuditReport report = audit(via);
    while (!report.getConserved() && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      report = audit(via);
    }
    assertThat(report.getConserved()).as("audit conserved: %s", report.getProblemsList()).isTrue();
    return report;
  }

  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
