package org.juicetokens.trust.chain;

import com.google.protobuf.Message;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.trust.chain.proto.ChainEntryType;
import org.juicetokens.trust.chain.proto.ChainEntryView;
import org.juicetokens.trust.chain.proto.ChainGetRequest;
import org.juicetokens.trust.chain.proto.ChainPage;
import org.juicetokens.trust.chain.proto.ChainVerdict;
import org.juicetokens.trust.chain.proto.ChainVerifyRequest;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Identities, chain reads and waits for the chain node tests (generous timeouts). */
final class ChainNodeSupport {
  static final long TIMEOUT_MS = 30_000;

  private ChainNodeSupport() {
  }

  static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, TIMEOUT_MS, type).await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
  }

  static String identity(JuiceNode node, String name) throws Exception {
    return ask(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), IdentityView.class)
      .getDocument().getId();
  }

  static List<ChainEntryType> types(JuiceNode via, String id) {
    try {
      return ask(via, Addresses.CHAIN_GET, ChainGetRequest.newBuilder().setIdentityId(id).build(), ChainPage.class)
        .getEntriesList().stream().map(ChainEntryView::getType).toList();
    } catch (Exception e) {
      return List.of();
    }
  }

  static ChainVerdict verify(JuiceNode via, String id) throws Exception {
    return ask(via, Addresses.CHAIN_VERIFY, ChainVerifyRequest.newBuilder().setIdentityId(id).build(), ChainVerdict.class);
  }

  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
