package org.juicetokens.extension;

import io.vertx.core.Future;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.Hex;
import org.juicetokens.extension.proto.Capability;
import org.juicetokens.extension.proto.ExtensionRecord;
import org.juicetokens.extension.proto.ExtensionState;
import org.juicetokens.extension.proto.Impact;
import org.juicetokens.extension.proto.SignedManifest;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.extension.Manifests.manifest;
import static org.juicetokens.extension.Manifests.signed;

/** The registry over an in-memory store and a test runtime (the futures here complete at once). */
class ExtensionRegistryTest {
  private final MemoryStore store = new MemoryStore();
  private final TestRuntime runtime = new TestRuntime();
  private final AtomicLong clock = new AtomicLong(1_000);
  private final ExtensionRegistry registry = new ExtensionRegistry(store, runtime, new ManifestCheck(List.of()), clock::incrementAndGet);

  @Test
  void a_registered_manifest_is_listed_registered_and_stored() {
    ExtensionRecord record = ok(registry.register(signed("watcher")));
    assertThat(record.getState()).isEqualTo(ExtensionState.REGISTERED);
    assertThat(record.getRegisteredAtMs()).isPositive();
    assertThat(registry.list()).extracting(r -> r.getSigned().getManifest().getId()).containsExactly("watcher");
    assertThat(store.records.get("watcher")).isEqualTo(record);
    assertThat(runtime.running).as("registering starts nothing").isEmpty();
    assertThat(registry.counts()).containsEntry(ExtensionState.REGISTERED, 1).containsEntry(ExtensionState.ERROR, 0);
  }

  @Test
  void a_duplicate_id_is_already_exists_and_the_first_stays() {
    ExtensionRecord first = ok(registry.register(signed("watcher")));
    int writes = store.writes;
    refused(registry.register(signed(manifest("watcher").setVersion("2.0.0"))), ErrorCode.ALREADY_EXISTS, "already registered");
    assertThat(store.writes).isEqualTo(writes);
    assertThat(registry.get("watcher")).isEqualTo(first);
  }

  @Test
  void refused_manifests_store_nothing() {
    SignedManifest good = signed("w-1");
    Ed25519.PrivateKey trusted = Ed25519.generate(new SecureRandom());
    ExtensionRegistry picky = new ExtensionRegistry(store, runtime, new ManifestCheck(List.of(Hex.of(trusted.publicKey()))), clock::get);
    refused(registry.register(signed(manifest("w-1").addHooks("token.burnt"))), ErrorCode.INVALID_ARGUMENT, "unknown hook");
    refused(registry.register(signed(manifest("w-1").addCapabilities(Capability.newBuilder().setName("webhooks").setImpact(Impact.HIGH)
      .setRequires("notify")))), ErrorCode.INVALID_ARGUMENT, "not covered by a permission");
    refused(registry.register(good.toBuilder().setManifest(good.getManifest().toBuilder().setName("Other")).build()),
      ErrorCode.INVALID_ARGUMENT, "bad signature");
    refused(picky.register(good), ErrorCode.PERMISSION_DENIED, "not in extension.trustedPublishers");
    assertThat(store.writes).isZero();
    assertThat(registry.list()).isEmpty();
    assertThat(picky.list()).isEmpty();
  }

  @Test
  void the_lifecycle_registered_active_paused_active_disabled_active() {
    ok(registry.register(signed("w-1")));
    assertThat(ok(registry.activate("w-1")).getState()).isEqualTo(ExtensionState.ACTIVE);
    assertThat(runtime.running("w-1")).isTrue();
    assertThat(ok(registry.pause("w-1")).getState()).isEqualTo(ExtensionState.PAUSED);
    assertThat(runtime.running("w-1")).isFalse();
    assertThat(ok(registry.activate("w-1")).getState()).as("resumed").isEqualTo(ExtensionState.ACTIVE);
    ExtensionRecord disabled = ok(registry.disable("w-1"));
    assertThat(disabled.getState()).isEqualTo(ExtensionState.DISABLED);
    assertThat(disabled.getReason()).isEqualTo("disabled by the operator");
    assertThat(runtime.running("w-1")).isFalse();
    assertThat(ok(registry.activate("w-1")).getState()).isEqualTo(ExtensionState.ACTIVE);
    assertThat(store.records.get("w-1").getState()).as("every change stored").isEqualTo(ExtensionState.ACTIVE);
    assertThat(runtime.activations).containsExactly("w-1", "w-1", "w-1");
  }

  @Test
  void a_transition_not_allowed_is_failed_precondition_and_changes_nothing() {
    ok(registry.register(signed("w-1")));
    refused(registry.pause("w-1"), ErrorCode.FAILED_PRECONDITION, "extension w-1 is REGISTERED: it cannot become PAUSED");
    ok(registry.activate("w-1"));
    int writes = store.writes;
    refused(registry.activate("w-1"), ErrorCode.FAILED_PRECONDITION, "is ACTIVE: it cannot become ACTIVE");
    ok(registry.disable("w-1"));
    refused(registry.disable("w-1"), ErrorCode.FAILED_PRECONDITION, "is DISABLED");
    refused(registry.pause("w-1"), ErrorCode.FAILED_PRECONDITION, "is DISABLED");
    assertThat(store.writes).isEqualTo(writes + 1);
  }

  @Test
  void an_unknown_id_is_not_found() {
    refused(registry.activate("nobody"), ErrorCode.NOT_FOUND, "unknown extension nobody");
    refused(registry.pause("nobody"), ErrorCode.NOT_FOUND, "unknown extension nobody");
    refused(registry.disable("nobody"), ErrorCode.NOT_FOUND, "unknown extension nobody");
    refused(Future.<ExtensionRecord>future(p -> p.complete(registry.get("nobody"))), ErrorCode.NOT_FOUND, "unknown extension nobody");
  }

  @Test
  void an_activation_failure_is_error_with_the_reason_and_a_fixed_cause_can_activate_again() {
    ok(registry.register(signed(manifest("broken").setEntryClass("org.example.DoesNotExist"))));
    ExtensionRecord failed = ok(registry.activate("broken"));
    assertThat(failed.getState()).isEqualTo(ExtensionState.ERROR);
    assertThat(failed.getReason()).isEqualTo("activation failed: class org.example.DoesNotExist not found");
    assertThat(store.records.get("broken").getState()).isEqualTo(ExtensionState.ERROR);
    assertThat(registry.counts()).containsEntry(ExtensionState.ERROR, 1);

    ok(registry.register(signed(manifest("not-an-ext").setEntryClass(String.class.getName()))));
    assertThat(ok(registry.activate("not-an-ext")).getReason()).contains("is not a JuiceExtension");
    ExtensionRecord again = ok(registry.activate("not-an-ext"));
    assertThat(again.getState()).as("ERROR → ERROR on a failed re-activation").isEqualTo(ExtensionState.ERROR);
    assertThat(ok(registry.disable("not-an-ext")).getState()).isEqualTo(ExtensionState.DISABLED);
  }

  @Test
  void activation_re_checks_the_manifest_against_the_current_trusted_publishers() {
    ok(registry.register(signed("w-1")));
    ExtensionRegistry stricter = new ExtensionRegistry(store, runtime,
      new ManifestCheck(List.of(Hex.of(Ed25519.generate(new SecureRandom()).publicKey()))), clock::incrementAndGet);
    ok(stricter.restore());
    ExtensionRecord refused = ok(stricter.activate("w-1"));
    assertThat(refused.getState()).isEqualTo(ExtensionState.ERROR);
    assertThat(refused.getReason()).contains("not in extension.trustedPublishers");
    assertThat(runtime.running).isEmpty();
  }

  @Test
  void a_runtime_fault_is_stored_with_its_reason_and_a_fault_about_a_stopped_extension_is_ignored() {
    ok(registry.register(signed("w-1")));
    ok(registry.activate("w-1"));
    ExtensionRecord cut = ok(registry.fault("w-1", ExtensionState.DISABLED, "circuit breaker opened 3 times"));
    assertThat(cut.getState()).isEqualTo(ExtensionState.DISABLED);
    assertThat(cut.getReason()).isEqualTo("circuit breaker opened 3 times");
    assertThat(store.records.get("w-1")).isEqualTo(cut);
    int writes = store.writes;
    assertThat(ok(registry.fault("w-1", ExtensionState.ERROR, "late")).getState()).isEqualTo(ExtensionState.DISABLED);
    assertThat(registry.fault("nobody", ExtensionState.ERROR, "?").succeeded()).isTrue();
    assertThat(store.writes).isEqualTo(writes);
  }

  @Test
  void a_stop_that_fails_leaves_the_extension_in_error_with_why() {
    ok(registry.register(signed("w-1")));
    ok(registry.activate("w-1"));
    runtime.failStops = true;
    ExtensionRecord paused = ok(registry.pause("w-1"));
    assertThat(paused.getState()).isEqualTo(ExtensionState.ERROR);
    assertThat(paused.getReason()).isEqualTo("stop failed: stop of w-1 timed out");
  }

  @Test
  void a_restart_keeps_the_registry_and_re_activates_only_what_was_active() {
    ok(registry.register(signed("active-one")));
    ok(registry.register(signed("paused-one")));
    ok(registry.register(signed("registered-one")));
    ok(registry.register(signed(manifest("gone-one"))));
    ok(registry.activate("active-one"));
    ok(registry.activate("paused-one"));
    ok(registry.pause("paused-one"));
    ok(registry.activate("gone-one"));
    // the class of gone-one disappears while the node is down
    store.records.put("gone-one", store.records.get("gone-one").toBuilder().setSigned(
      signed(manifest("gone-one").setEntryClass("org.example.Removed"))).build());

    TestRuntime fresh = new TestRuntime();
    ExtensionRegistry restarted = new ExtensionRegistry(store, fresh, new ManifestCheck(List.of()), clock::incrementAndGet);
    List<ExtensionRecord> records = ok(restarted.restore());
    assertThat(records).hasSize(4);
    assertThat(fresh.activations).as("started").containsExactly("active-one");
    assertThat(fresh.running).containsExactly("active-one");
    assertThat(restarted.get("active-one").getState()).isEqualTo(ExtensionState.ACTIVE);
    assertThat(restarted.get("paused-one").getState()).isEqualTo(ExtensionState.PAUSED);
    assertThat(restarted.get("registered-one").getState()).isEqualTo(ExtensionState.REGISTERED);
    assertThat(restarted.get("gone-one").getState()).isEqualTo(ExtensionState.ERROR);
    assertThat(restarted.get("gone-one").getReason()).isEqualTo("re-activation at start failed: class org.example.Removed not found");
  }

  private static <T> T ok(Future<T> future) {
    assertThat(future.isComplete()).isTrue();
    if (future.failed()) {
      throw new AssertionError("failed: " + future.cause(), future.cause());
    }
    return future.result();
  }

  private static void refused(Future<?> future, ErrorCode code, String reason) {
    assertThat(future.isComplete()).isTrue();
    assertThat(future.failed()).as("refused").isTrue();
    assertThat(future.cause()).isInstanceOfSatisfying(JuiceException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(reason);
    });
  }
}
