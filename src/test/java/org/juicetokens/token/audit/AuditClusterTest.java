package org.juicetokens.token.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreDelete;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.creation.TokenStoreLayout;
import org.juicetokens.token.proto.Token;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit on a real 2-node cluster with minted tokens: conserved, then a stored token deleted behind the token layer's back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditClusterTest {
  private static final long TIMEOUT_MS = 30_000;
  private List<JuiceNode> nodes;
  private JuiceNode a;
  private JuiceNode b;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    // one storage scan returns at most 1,000 entries here, so the audit must page to count more
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of("storage.maxScanEntries", "1000", "chain.maxVerifyEntries", "1000"));
    a = nodes.get(0);
    b = nodes.get(1);
    long deadline = System.currentTimeMillis() + 60_000;
    while (!(a.context().hazelcast().getCluster().getMembers().size() == 2 && a.context().hazelcast().getPartitionService().isClusterSafe())) {
      assertThat(System.currentTimeMillis()).as("2 members, cluster safe").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @AfterAll
  void stop() throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  @Test
  void minted_tokens_with_a_wissel_are_conserved_until_a_stored_token_disappears() throws Exception {
    String issuer = ask(a, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("Issuer").build(), IdentityView.class)
      .getDocument().getId();
    String owner = ask(b, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("Owner").build(), IdentityView.class)
      .getDocument().getId();
    MintReply ones = mint(issuer, owner, "audit", 1, 3);
    MintReply twenties = mint(issuer, issuer, "audit", 20, 2);
    assertThat(ones.getTokensList()).anyMatch(Token::getWissel);
    long minted = 3 * 100 + 2 * 2000;

    AuditReport report = auditUntilIndexed(minted);
    assertThat(report.getConserved()).as(report.getProblemsList().toString()).isTrue();
    assertThat(report.getHeldHundredths()).isEqualTo(minted);
    assertThat(report.getExpiredHundredths()).isZero();
    assertThat(report.getTokenCount()).isEqualTo(5);
    assertThat(report.getDuplicateOwners()).isZero();
    assertThat(report.getNodesList()).containsExactly("a", "b");
    assertThat(ask(b, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class).getConserved()).isTrue();

    Token gone = twenties.getTokens(0);
    ask(a, Addresses.STORAGE_DELETE, StoreDelete.newBuilder().setFamily(StoreFamily.TOKENS.dbName())
      .setKey(ByteString.copyFrom(TokenStoreLayout.tokenKey(issuer, gone.getId()))).setSync(true).build(), StoreAck.class);

    AuditReport tampered = ask(b, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class);
    assertThat(tampered.getConserved()).isFalse();
    assertThat(tampered.getHeldHundredths()).isEqualTo(minted - 2000);
    assertThat(tampered.getProblemsList()).contains("shortfall of 20.00: held + expired = 23.00, minted = 43.00");
    assertThat(a.context().registry().get(AuditMeters.RUNS).tag("outcome", "conserved").counter().count()).isPositive();
    assertThat(b.context().registry().get(AuditMeters.RUNS).tag("outcome", "not_conserved").counter().count()).isEqualTo(1.0);
    io.vertx.core.json.JsonObject health = b.context().health().checkStatus(AuditVerticle.HEALTH).await(10, TimeUnit.SECONDS).getData();
    assertThat(health.getBoolean("conserved")).isFalse();
    assertThat(health.getInteger("problems")).isPositive();
  }

  @Test
  void a_node_holding_more_tokens_than_one_scan_returns_is_counted_whole() throws Exception {
    String issuer = ask(a, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("Big issuer").build(), IdentityView.class)
      .getDocument().getId();
    AuditReport before = ask(a, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class);
    for (int i = 0; i < 25; i++) {
      mint(issuer, issuer, "many", 1, 100);
    }

    AuditReport report = auditUntilIndexed(before.getMintedHundredths() + 2_500 * 100);
    assertThat(report.getProblemsList()).noneMatch(p -> p.contains("could not be read"));
    assertThat(report.getTokenCount()).isGreaterThanOrEqualTo(before.getTokenCount() + 2_500);
    assertThat(report.getHeldHundredths() - before.getHeldHundredths()).isEqualTo(2_500 * 100);
  }

  /** Index entries are written right after the mint answers when a DHT write had to be retried: wait for them. */
  private AuditReport auditUntilIndexed(long minted) throws Exception {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    AuditReport report = ask(a, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class);
    while (report.getMintedHundredths() != minted && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      report = ask(a, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class);
    }
    return report;
  }

  private MintReply mint(String issuer, String owner, String reference, int denomination, int count) throws Exception {
    return ask(a, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner).setReference(reference)
      .setDenomination(denomination).setCount(count).build(), MintReply.class);
  }

  private static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, TIMEOUT_MS, type).await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
  }
}
