package org.juicetokens.token.transaction;

import com.google.protobuf.Message;
import org.juicetokens.api.v1.Balance;
import org.juicetokens.api.v1.BalanceRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.JuiceException;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.BusCalls;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenHeldReply;
import org.juicetokens.token.proto.TokenHeldRequest;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Nodes, identities, mints, transfers and value sums for the transaction tests (generous timeouts). */
final class TxTestSupport {
  static final long TIMEOUT_MS = 30_000;
  /** Settings of every test node: fast peer time polling (CONSENSUS soon after the cluster forms), a short deadline. */
  static final Map<String, String> FAST = Map.of("time.peerPollIntervalMs", "300", "tx.deadlineMs", "8000", "tx.retryMs", "300",
    "tx.maxRetryMs", "1000");

  private TxTestSupport() {
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

  private static final AtomicInteger REFERENCES = new AtomicInteger();

  /** Mints for {@code owner} as its own issuer; the reference gets a unique suffix (an issuance belongs to one issuer). */
  static MintReply mint(JuiceNode via, String owner, String reference, int denomination, int count) throws Exception {
    return ask(via, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(owner).setOwnerId(owner)
      .setReference(reference + REFERENCES.incrementAndGet())
      .setDenomination(denomination).setCount(count).build(), MintReply.class);
  }

  static Transfer transfer(JuiceNode via, String from, String to, long hundredths) throws Exception {
    return ask(via, Addresses.TX_TRANSFER, request(from, to, hundredths), Transfer.class);
  }

  static TransferRequest request(String from, String to, long hundredths) {
    return TransferRequest.newBuilder().setFromId(from).setToId(to).setAmountHundredths(hundredths).build();
  }

  static Balance balance(JuiceNode via, String id) throws Exception {
    return ask(via, Addresses.TOKEN_BALANCE, BalanceRequest.newBuilder().setId(id).build(), Balance.class);
  }

  /** Every stored token of an identity homed on {@code home}, LOCKED ones included. */
  static List<Token> held(JuiceNode home, String id) throws Exception {
    return ask(home, Addresses.TOKEN_HELD, TokenHeldRequest.newBuilder().setOwnerId(id).build(), TokenHeldReply.class).getTokensList();
  }

  /** What an identity holds in hundredths: regular tokens at their denomination, the wissel at its value, locked or not. */
  static long worth(JuiceNode home, String id) throws Exception {
    long sum = 0;
    for (Token t : held(home, id)) {
      sum += t.getWissel() ? t.getWisselHundredths() : t.getDenomination() * 100L;
    }
    return sum;
  }

  static void awaitConsensus(List<JuiceNode> nodes) throws Exception {
    InJvmClusters.awaitAdequateTime(nodes);
  }

  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
