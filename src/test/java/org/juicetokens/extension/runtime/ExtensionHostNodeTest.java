package org.juicetokens.extension.runtime;

import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.runtime.testext.BlockingExtension;
import org.juicetokens.extension.runtime.testext.DeniedProbeExtension;
import org.juicetokens.extension.runtime.testext.FailingStartExtension;
import org.juicetokens.extension.runtime.testext.NotAnExtension;
import org.juicetokens.extension.runtime.testext.RecordingExtension;
import org.juicetokens.extension.runtime.testext.TestSinks;
import org.juicetokens.extension.runtime.testext.ThrowingExtension;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeRequest;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.BusCalls;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.transaction.proto.TxState;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runtime on a real 2-node cluster (node a hosts the extensions): hook delivery filtered by
 * permissions, a throwing and a blocking extension cut off while transfers keep committing, the
 * facade's permission check, activation failures with their reason, and an extension from a jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtensionHostNodeTest {
  private static final long TIMEOUT_MS = 30_000;
  private List<JuiceNode> nodes;
  private JuiceNode a;
  private Path extensionDir;
  private HostVerticle hostVerticle;
  private ExtensionHost host;
  private String issuer;
  private String alice;
  private String bob;
  private final AtomicInteger transfers = new AtomicInteger();
  private final AtomicInteger references = new AtomicInteger();
  private final Map<String, String> faults = new ConcurrentHashMap<>();

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    extensionDir = tmp.resolve("ext");
    nodes = InJvmClusters.startCluster(tmp, List.of("a", "b"), Map.of("time.peerPollIntervalMs", "300", "tx.deadlineMs", "8000",
      "tx.retryMs", "300", "tx.maxRetryMs", "1000", "extension.dir", extensionDir.toString(), "extension.callTimeoutMs", "500",
      "extension.maxFailures", "3", "extension.maxBreakerOpens", "1", "extension.startTimeoutMs", "3000"));
    a = nodes.get(0);
    JuiceNode b = nodes.get(1);
    eventually("2 members, cluster safe", () -> a.context().hazelcast().getCluster().getMembers().size() == 2
      && a.context().hazelcast().getPartitionService().isClusterSafe());
    InJvmClusters.awaitAdequateTime(nodes);
    hostVerticle = new HostVerticle(a.context());
    a.vertx().deployVerticle(hostVerticle).await(30, TimeUnit.SECONDS);
    host = hostVerticle.host;
    host.onFault((id, state, reason) -> faults.put(id, state + ": " + reason));
    issuer = identity(a, "Issuer");
    alice = identity(a, "Alice");
    bob = identity(b, "Bob");
    mint(alice, 1, 3);
    mint(alice, 10, 2);
    mint(alice, 20, 2);
    mint(bob, 1, 3);
    mint(bob, 2, 2);
    mint(bob, 5, 2);
  }

  @AfterAll
  void stop() throws Exception {
    TestSinks.RELEASE.countDown();
    if (nodes != null) {
      InJvmClusters.closeAll(nodes);
    }
  }

  @Test
  void an_extension_without_tokens_read_never_sees_token_events_while_one_with_it_does() throws Exception {
    activate(manifest("watch-full", RecordingExtension.class, List.of("token.created", "transaction.state"),
      List.of("tokens:read", "transactions:read")));
    activate(manifest("watch-blind", RecordingExtension.class, List.of("token.created", "transaction.state"),
      List.of("transactions:read")));
    String token = mint(alice, 5, 1).getTokens(0).getId();
    Transfer tx = transfer();
    eventually("watch-full saw the mint", () -> seen("watch-full", Hook.TOKEN_CREATED).stream()
      .anyMatch(e -> token.equals(e.data().getString("id"))));
    eventually("both saw the transfer commit", () -> committed("watch-full", tx.getTxId()) && committed("watch-blind", tx.getTxId()));
    assertThat(seen("watch-blind", Hook.TOKEN_CREATED)).isEmpty();
    // only node a's own sides, each state once (a cluster does not deliver an event per member)
    List<HookEvent> states = seen("watch-full", Hook.TRANSACTION_STATE);
    assertThat(states).allSatisfy(e -> assertThat(e.data().getString("nodeId")).isEqualTo("a"));
    Set<String> keys = new HashSet<>();
    states.forEach(e -> assertThat(keys.add(e.data().getString("txId") + e.data().getString("role") + e.data().getString("state")))
      .as("duplicate " + e.data()).isTrue());
    assertThat(TestSinks.notes("watch-full")).noneMatch(n -> n.startsWith("event off its worker context"))
      .anyMatch(n -> n.startsWith("started on jt-ext-watch-full"));
    assertThat(host.usage("watch-full").getLong("ok")).isPositive();
    assertThat(host.usage("watch-full").getString("breaker")).isEqualTo("CLOSED");
    String scrape = a.context().registry().scrape();
    assertThat(scrape).contains("juice_extension_invocations_total{extension=\"watch-full\",hook=\"token.created\"")
      .contains("juice_extension_invocation_seconds_count{extension=\"watch-full\"");
    host.deactivate("watch-full").await(30, TimeUnit.SECONDS);
    host.deactivate("watch-blind").await(30, TimeUnit.SECONDS);
    assertThat(host.running("watch-full")).isFalse();
    assertThat(TestSinks.notes("watch-full")).contains("stopped");
    assertThat(faults).doesNotContainKeys("watch-full", "watch-blind");
  }

  @Test
  void a_facade_call_without_its_permission_is_denied_and_counted() throws Exception {
    activate(manifest("probe", DeniedProbeExtension.class, List.of(), List.of("notify")));
    assertThat(TestSinks.notes("probe")).containsExactly("PERMISSION_DENIED");
    assertThat(host.usage("probe").getLong("denied")).isEqualTo(1);
    assertThat(a.context().registry().scrape()).contains("juice_extension_denied_total{extension=\"probe\"");
    host.deactivate("probe").await(30, TimeUnit.SECONDS);
  }

  @Test
  void an_extension_that_throws_on_every_event_is_disabled_while_transfers_keep_committing() throws Exception {
    activate(manifest("thrower", ThrowingExtension.class, List.of("transaction.state"), List.of("transactions:read")));
    for (int i = 0; i < 6 && !faults.containsKey("thrower"); i++) {
      assertThat(transfer().getState()).isEqualTo(TxState.COMMITTED);
    }
    eventually("thrower reported", () -> faults.containsKey("thrower"));
    assertThat(faults.get("thrower")).startsWith("DISABLED: repeated failures").contains("fails on purpose");
    assertThat(host.running("thrower")).isFalse();
    eventually("3 errors counted", () -> host.usage("thrower").getLong("errors") >= 3);
    int seen = TestSinks.events("thrower").size();
    assertThat(transfer().getState()).isEqualTo(TxState.COMMITTED);
    assertThat(TestSinks.events("thrower")).hasSize(seen);
  }

  @Test
  void an_extension_that_blocks_is_cut_off_by_the_timeout_and_the_node_keeps_answering() throws Exception {
    activate(manifest("blocker", BlockingExtension.class, List.of("transaction.state"), List.of("transactions:read")));
    for (int i = 0; i < 6 && !faults.containsKey("blocker"); i++) {
      // commits although the extension holds its thread: it runs on its own worker pool, not on an event loop of the node
      assertThat(transfer().getState()).isEqualTo(TxState.COMMITTED);
    }
    eventually("blocker reported", () -> faults.containsKey("blocker"));
    assertThat(faults.get("blocker")).startsWith("DISABLED: repeated failures").contains("not handled within the call timeout");
    eventually("a timeout counted", () -> host.usage("blocker").getLong("timeouts") >= 1);
    assertThat(TestSinks.events("blocker")).hasSize(1);
    assertThat(BusCalls.ask(a, Addresses.TIME_NOW, TimeRequest.getDefaultInstance(), TimeReading.class, TIMEOUT_MS)).isNotNull();
    assertThat(transfer().getState()).isEqualTo(TxState.COMMITTED);
  }

  @Test
  void a_start_that_fails_fails_the_activation_with_the_reason_and_reports_error() {
    assertThatThrownBy(() -> activate(manifest("bad-start", FailingStartExtension.class, List.of(), List.of())))
      .hasMessageContaining("start failed").hasMessageContaining("no configuration for bad-start");
    assertThat(faults.get("bad-start")).startsWith("ERROR: start failed");
    assertThat(host.running("bad-start")).isFalse();
  }

  @Test
  void a_bad_entry_class_fails_the_activation_with_the_reason() {
    assertThatThrownBy(() -> activate(ExtensionManifest.newBuilder().setId("missing").setEntryClass("org.example.Nope").build()))
      .isInstanceOf(JuiceException.class).hasMessageContaining("entry class org.example.Nope not found");
    assertThatThrownBy(() -> activate(manifest("not-one", NotAnExtension.class, List.of(), List.of())))
      .hasMessageContaining("does not implement org.juicetokens.extension.spi.JuiceExtension");
    assertThat(host.running("missing")).isFalse();
  }

  @Test
  void an_extension_in_a_jar_of_the_extensions_directory_is_activated_from_there() throws Exception {
    TestJars.extensionJar(extensionDir, "jar-watch.jar");
    activate(ExtensionManifest.newBuilder().setId("jar-watch").setEntryClass(TestJars.CLASS).setJar("jar-watch.jar")
      .addHooks("token.created").addPermissions("tokens:read").build());
    assertThat(TestSinks.notes("jar-watch")).containsExactly("loaded by extension-jar-watch");
    String token = mint(alice, 2, 1).getTokens(0).getId();
    eventually("the jar's extension saw the mint", () -> TestSinks.events("jar-watch").stream()
      .anyMatch(e -> token.equals(e.data().getString("id"))));
    host.deactivate("jar-watch").await(30, TimeUnit.SECONDS);
    assertThat(host.running("jar-watch")).isFalse();
  }

  private void activate(ExtensionManifest manifest) throws Exception {
    host.activate(manifest).await(30, TimeUnit.SECONDS);
  }

  private static ExtensionManifest manifest(String id, Class<?> entry, List<String> hooks, List<String> permissions) {
    return ExtensionManifest.newBuilder().setId(id).setEntryClass(entry.getName()).addAllHooks(hooks).addAllPermissions(permissions)
      .build();
  }

  private static List<HookEvent> seen(String id, Hook hook) {
    return TestSinks.events(id).stream().filter(e -> e.hook() == hook).toList();
  }

  private static boolean committed(String id, String txId) {
    return seen(id, Hook.TRANSACTION_STATE).stream()
      .anyMatch(e -> txId.equals(e.data().getString("txId")) && "COMMITTED".equals(e.data().getString("state")));
  }

  /** 1.00 from alice to bob, then back, alternately (wallets stay as minted). */
  private Transfer transfer() throws Exception {
    boolean out = transfers.getAndIncrement() % 2 == 0;
    TransferRequest request = TransferRequest.newBuilder().setFromId(out ? alice : bob).setToId(out ? bob : alice)
      .setAmountHundredths(100).build();
    return BusCalls.ask(a, Addresses.TX_TRANSFER, request, Transfer.class, TIMEOUT_MS);
  }

  private MintReply mint(String owner, int denomination, int count) throws Exception {
    return BusCalls.ask(a, Addresses.TOKEN_MINT, MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner)
      .setReference("ext" + references.incrementAndGet()).setDenomination(denomination).setCount(count).build(), MintReply.class, TIMEOUT_MS);
  }

  private static String identity(JuiceNode node, String name) throws Exception {
    return BusCalls.ask(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(),
      IdentityView.class, TIMEOUT_MS).getDocument().getId();
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
