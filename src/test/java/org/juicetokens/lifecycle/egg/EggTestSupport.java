package org.juicetokens.lifecycle.egg;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import org.juicetokens.api.v1.AuditReport;
import org.juicetokens.api.v1.AuditRequest;
import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.GenesisPoolView;
import org.juicetokens.api.v1.GetEggRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.BusCalls;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Identities, pools, egg reads, store scans and the audit for the egg tests (generous timeouts). */
final class EggTestSupport {
  static final long TIMEOUT_MS = 30_000;

  private EggTestSupport() {
  }

  static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    return BusCalls.ask(node, address, request, type, TIMEOUT_MS);
  }

  static JuiceException failure(JuiceNode node, String address, Message request) {
    return BusCalls.failure(node, address, request, TIMEOUT_MS);
  }

  static String identity(JuiceNode node, String name) throws Exception {
    return ask(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), IdentityView.class)
      .getDocument().getId();
  }

  static GenesisPoolView pool(JuiceNode via, List<String> members) throws Exception {
    return ask(via, Addresses.EGG_POOL_CREATE, CreateGenesisPoolRequest.newBuilder().addAllMemberIds(members).build(), GenesisPoolView.class);
  }

  static EggView egg(JuiceNode via, String id) throws Exception {
    return ask(via, Addresses.EGG_GET, GetEggRequest.newBuilder().setId(id).build(), EggView.class);
  }

  /** Waits (up to 60 s) until the egg reaches {@code stage}; answers its view then. */
  static EggView awaitStage(JuiceNode via, String id, EggStage stage) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    EggView view = egg(via, id);
    while (view.getStage() != stage) {
      assertThat(System.currentTimeMillis()).as("egg " + id + " still " + view.getStage() + ", waiting for " + stage).isLessThan(deadline);
      Thread.sleep(100);
      view = egg(via, id);
    }
    return view;
  }

  /** Every key of a node's EGGS family. */
  static List<String> eggStore(JuiceNode node) throws Exception {
    return ask(node, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.EGGS.dbName()).setPrefix(ByteString.EMPTY)
      .setLimit(10_000).build(), StoreScanResult.class).getEntriesList().stream().map(e -> e.getKey().toStringUtf8()).toList();
  }

  /** The cluster audit once it is conserved (nothing in flight), within 60 s. */
  static AuditReport balancedAudit(JuiceNode via) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    AuditReport report = ask(via, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class);
    while (!report.getConserved()) {
      assertThat(System.currentTimeMillis()).as("audit not conserved: " + report).isLessThan(deadline);
      Thread.sleep(300);
      report = ask(via, Addresses.TX_AUDIT, AuditRequest.getDefaultInstance(), AuditReport.class);
    }
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
