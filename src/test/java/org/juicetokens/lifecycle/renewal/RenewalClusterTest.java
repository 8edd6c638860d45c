package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.ByteString;
import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.lifecycle.renewal.proto.ExpiryNotice;
import org.juicetokens.lifecycle.renewal.proto.RenewReply;
import org.juicetokens.lifecycle.renewal.proto.RenewalEvent;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenState;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainGetRequest;
import org.juicetokens.trust.chain.proto.ChainPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.lifecycle.renewal.RenewalTestSupport.*;

/**
 * Two nodes, 1 protocol day = 1 s (lifecycle.timeScale 86400), renewed tokens live 20 days. The owner
 * (home a) renews a token minted by an issuer homed on b; the replacement produces the 7/3/1-day
 * notices once each, also after a restart of a; expired, it is renewed through a facilitator (home
 * b) who is paid 2 %; the replacement then moves in a transfer; the audit balances throughout.
 */
class RenewalClusterTest {

  @Test
  void renewal_notices_and_facilitation_keep_value_conserved(@TempDir Path tmp) throws Exception {
    String cluster = "test-" + UUID.randomUUID();
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    Map<String, String> settingsA = InJvmClusters.settings(tmp, "a", cluster, portA, "", SETTINGS);
    JuiceNode a = InJvmClusters.start(settingsA);
    JuiceNode b = null;
    try {
      b = InJvmClusters.start(InJvmClusters.settings(tmp, "b", cluster, portB, members, SETTINGS));
      InJvmClusters.awaitAdequateTime(List.of(a, b));
      List<RenewalEvent> events = new CopyOnWriteArrayList<>();
      a.vertx().eventBus().<RenewalEvent>localConsumer(Addresses.RENEWAL_EVENTS_LOCAL, m -> events.add(m.body()));

      String owner = identity(a, "owner");
      String issuer = identity(b, "issuer");
      String facilitator = identity(b, "facilitator");
      String payee = identity(b, "payee");
      Token ten = mint(b, issuer, owner, 10, 1).get(0);
      Token fifty = mint(b, issuer, owner, 50, 1).get(0);
      mint(b, issuer, owner, 1, 2);
      mint(b, issuer, owner, 5, 1);
      mint(b, issuer, facilitator, 1, 1);
      mint(b, issuer, facilitator, 2, 1);
      assertThat(balance(a, owner)).isEqualTo(6700);

      // the owner renews before expiry: balance unchanged, the audit balances (renewed value accounted)
      long before = System.currentTimeMillis();
      RenewReply renewed = renew(a, ten.getId(), owner, "");
      Token fresh = renewed.getNewToken();
      Token fresh50 = renew(b, fifty.getId(), owner, "").getNewToken();
      assertThat(fresh.getId()).isNotEqualTo(ten.getId());
      assertThat(fresh.getIssuanceId()).isEqualTo(ten.getIssuanceId());
      assertThat(fresh.getDenomination()).isEqualTo(10);
      assertThat(fresh.getExpiresAtMs()).isBetween(before + 20_000, System.currentTimeMillis() + 20_000);
      assertThat(renewed.getRewardHundredths()).isZero();
      assertThat(token(b, ten.getId()).getState()).isEqualTo(TokenState.RENEWED);
      assertThat(balance(a, owner)).isEqualTo(6700);
      AuditReport audit = conservedAudit(b);
      assertThat(audit.getRenewedHundredths()).isEqualTo(6000);
      assertThat(audit.getMintedHundredths()).isEqualTo(6700 + 300 + 6000);

      // the three notices of each replacement, once each (the minted tokens are a year from expiry)
      JuiceNode other = b;
      eventually("six notices", () -> quietly(() -> notices(other, owner).getNoticesCount() == 6));
      assertThat(notices(a, owner).getNoticesList()).filteredOn(n -> n.getTokenId().equals(fresh.getId()))
        .extracting(ExpiryNotice::getDaysBefore).containsExactlyInAnyOrder(7, 3, 1);
      assertThat(notices(a, owner).getNoticesList()).allMatch(n -> n.getTokenId().equals(fresh.getId()) || n.getTokenId().equals(fresh50.getId()));
      eventually("notice events", () -> events.stream().filter(RenewalEvent::hasNotice).count() == 6);
      assertThat(events.stream().filter(RenewalEvent::hasRenewal).count()).isEqualTo(2);
      eventually("expired", () -> System.currentTimeMillis() > Math.max(fresh.getExpiresAtMs(), fresh50.getExpiresAtMs()) + 300);
      assertThat(failure(a, Addresses.RENEWAL_RENEW, renewal(fresh.getId(), owner, "")).code()).isEqualTo(ErrorCode.CONFLICT);

      // a restart of the owner's home node issues nothing again
      a.close().await();
      a = InJvmClusters.start(InJvmClusters.settings(tmp, "a", cluster, portA, members, SETTINGS));
      InJvmClusters.awaitAdequateTime(List.of(a, b));
      Thread.sleep(1_000); // several notice scans (every 200 ms)
      assertThat(notices(a, owner).getNoticesCount()).isEqualTo(6);

      // facilitated renewals of the expired tokens: 2 % paid by the owner to the facilitator, 0.20 from
      // wissel to wissel, 1.00 by a transfer
      JuiceNode home = a;
      RenewReply facilitated = renew(b, fresh.getId(), owner, facilitator);
      assertThat(facilitated.getRewardHundredths()).isEqualTo(20);
      RenewReply facilitated50 = renew(a, fresh50.getId(), owner, facilitator);
      assertThat(facilitated50.getRewardHundredths()).isEqualTo(100);
      eventually("rewards paid", () -> quietly(() -> balance(home, facilitator) == 300 + 20 + 100));
      assertThat(balance(a, owner)).isEqualTo(6700 - 120);
      audit = conservedAudit(a);
      assertThat(audit.getRenewedHundredths()).isEqualTo(12000);

      // a replacement is spendable: 10.00 can only be paid with one (the owner holds 5 + 0.80 besides)
      Transfer spent = ask(a, Addresses.TX_TRANSFER, TransferRequest.newBuilder().setFromId(owner).setToId(payee)
        .setAmountHundredths(1000).build(), Transfer.class);
      assertThat(spent.getState()).isEqualTo(TxState.COMMITTED);
      assertThat(spent.getSentTokenIdsList()).containsAnyOf(facilitated.getNewToken().getId(), facilitated50.getNewToken().getId());
      JuiceNode payeeHome = b;
      eventually("payee paid", () -> quietly(() -> balance(payeeHome, payee) == 1000));
      conservedAudit(b);

      ChainPage chain = ask(a, Addresses.CHAIN_GET, ChainGetRequest.newBuilder().setIdentityId(owner).build(), ChainPage.class);
      assertThat(chain.getEntriesList()).filteredOn(e -> e.getType() == ChainEntryType.RENEWAL).hasSize(4);
    } finally {
      InJvmClusters.closeAll(b == null ? List.of(a) : List.of(a, b));
    }
  }

  interface Check {
    boolean get() throws Exception;
  }

  static boolean quietly(Check check) {
    try {
      return check.get();
    } catch (Exception e) {
      return false;
    }
  }
}
