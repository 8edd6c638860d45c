package org.juicetokens.trust.identity;

import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.trust.identity.IdentityTestSupport.create;
import static org.juicetokens.trust.identity.IdentityTestSupport.failure;
import static org.juicetokens.trust.identity.IdentityTestSupport.get;
import static org.juicetokens.trust.identity.IdentityTestSupport.sign;

/** One node: creation, verified reads, signing, input errors, and the master key across a restart. */
class IdentityNodeTest {

  @Test
  void created_identity_reads_back_verified_signs_and_survives_a_restart_with_the_same_master_key(@TempDir Path tmp) throws Exception {
    Map<String, String> settings = IdentityTestSupport.settings(tmp, "a", "test-" + UUID.randomUUID(), FreePorts.next(), "", Map.of());
    JuiceNode node = IdentityTestSupport.start(settings);
    String id;
    byte[] publicKey;
    try {
      IdentityView created = create(node, "  Alice  ");
      id = created.getDocument().getId();
      assertThat(id).matches("[0-9a-f]{40}").isEqualTo(IdentityIds.derive(created.getActivePublicKey().toByteArray()));
      assertThat(created.getDocument().getDisplayName()).isEqualTo("Alice");
      assertThat(created.getDocument().getSequence()).isEqualTo(1);
      assertThat(created.getDocument().getHomeNode()).isEqualTo("a");
      assertThat(created.getDocument().getStatus()).isEqualTo(IdentityStatus.ACTIVE);

      IdentityView read = get(node, id);
      assertThat(read.getVerified()).isTrue();
      assertThat(read.getSigned()).isEqualTo(created.getSigned());

      byte[] data = "genesis record".getBytes(StandardCharsets.UTF_8);
      IdentitySignature signature = sign(node, id, data);
      publicKey = signature.getPublicKey().toByteArray();
      assertThat(publicKey).isEqualTo(created.getActivePublicKey().toByteArray());
      assertThat(Ed25519.verify(publicKey, data, signature.getSignature().toByteArray())).isTrue();
    } finally {
      node.close().await();
    }
    Path masterKey = tmp.resolve("a").resolve(IdentityVerticle.MASTER_KEY_FILE);
    assertThat(masterKey).exists();
    assertThat(Files.size(masterKey)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKey))).isEqualTo("rw-------");
    byte[] keyBefore = Files.readAllBytes(masterKey);

    JuiceNode again = IdentityTestSupport.start(settings);
    try {
      assertThat(Files.readAllBytes(masterKey)).isEqualTo(keyBefore);
      byte[] data = "after restart".getBytes(StandardCharsets.UTF_8);
      IdentitySignature signature = sign(again, id, data);
      assertThat(Ed25519.verify(publicKey, data, signature.getSignature().toByteArray())).isTrue();
      // the DHT lived in memory only: the home node claimed the document again at start
      assertThat(get(again, id).getVerified()).isTrue();
    } finally {
      again.close().await();
    }
  }

  @Test
  void bad_input_and_unknown_ids_get_clear_errors(@TempDir Path tmp) throws Exception {
    JuiceNode node = IdentityTestSupport.start(IdentityTestSupport.settings(tmp, "a", "test-" + UUID.randomUUID(), FreePorts.next(), "",
      Map.of("identity.maxDisplayNameChars", "8")));
    try {
      assertThat(IdentityTestSupport.failureOf(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("   ").build()))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .satisfies(e -> assertThat(e.getMessage()).contains("display_name"));
      assertThat(IdentityTestSupport.failureOf(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("123456789").build())
        .getMessage()).contains("display_name", "at most 8");
      assertThat(failure(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("a\u0007b").build()))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(failure(node, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId("ABC").build()))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(failure(node, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId("0".repeat(40)).build()))
        .isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(failure(node, Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId("0".repeat(40)).build()))
        .isEqualTo(ErrorCode.NOT_FOUND);
    } finally {
      node.close().await();
    }
  }
}
