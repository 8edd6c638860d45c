package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.KeyEncryption;
import org.juicetokens.crypto.MasterKey;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StoreBatch;
import org.juicetokens.foundation.storage.proto.StoreGet;
import org.juicetokens.foundation.storage.proto.StoreValue;
import org.juicetokens.trust.identity.proto.HomedIdentity;
import org.juicetokens.trust.identity.proto.SealedKey;
import java.security.SecureRandom;
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
        .satisfies(e -> assertThat(e.getMessage()).contains("displayName"));
      assertThat(IdentityTestSupport.failureOf(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName("123456789").build())
        .getMessage()).contains("displayName", "at most 8");
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
  @Test
  void an_update_stored_but_never_published_is_dropped_at_restart(@TempDir Path tmp) throws Exception {
    Map<String, String> settings = IdentityTestSupport.settings(tmp, "a", "test-" + UUID.randomUUID(), FreePorts.next(), "", Map.of());
    JuiceNode node = IdentityTestSupport.start(settings);
    IdentityView created;
    Ed25519.PrivateKey first;
    try {
      created = create(node, "Ivy");
      String id = created.getDocument().getId();
      // a crash between the synced key write of a rotation and its publication, as the keystore would hold it
      KeyEncryption sealer = new KeyEncryption(MasterKey.loadOrCreate(tmp.resolve("a").resolve(IdentityVerticle.MASTER_KEY_FILE),
        new SecureRandom()), new SecureRandom());
      StoreValue stored = IdentityTestSupport.ask(node, Addresses.STORAGE_GET, StoreGet.newBuilder().setFamily(StoreFamily.KEYS.dbName())
        .setKey(ByteString.copyFromUtf8(Keystore.KEY_PREFIX + id + "/0")).build(), StoreValue.class);
      SealedKey sealed0 = SealedKey.parseFrom(stored.getValue());
      first = Ed25519.privateKey(sealer.open(sealed0.getSealedSeed().toByteArray(), KeyEncryption.keyAad(id, 0)));
      Ed25519.PrivateKey second = Ed25519.generate(new SecureRandom());
      IdentityDocuments.Signed next = IdentityDocuments.rotate(created.getDocument(), first, second, System.currentTimeMillis());
      SealedKey sealed1 = SealedKey.newBuilder().setIdentityId(id).setKeyIndex(1).setPublicKey(ByteString.copyFrom(second.publicKey()))
        .setSealedSeed(ByteString.copyFrom(sealer.seal(second.seed(), KeyEncryption.keyAad(id, 1)))).build();
      IdentityTestSupport.ask(node, Addresses.STORAGE_BATCH, StoreBatch.newBuilder().setSync(true)
        .addWrites(Keystore.keyWrite(sealed1))
        .addWrites(Keystore.homeWrite(id, HomedIdentity.newBuilder().setPublished(created.getSigned()).setPending(next.signed()).build()))
        .build(), StoreAck.class);
    } finally {
      node.close().await();
    }
    JuiceNode again = IdentityTestSupport.start(settings);
    try {
      String id = created.getDocument().getId();
      assertThat(get(again, id).getDocument().getSequence()).isEqualTo(1);
      byte[] data = "still the first key".getBytes(StandardCharsets.UTF_8);
      IdentitySignature signature = sign(again, id, data);
      assertThat(signature.getKeyIndex()).isZero();
      assertThat(Ed25519.verify(first.publicKey(), data, signature.getSignature().toByteArray())).isTrue();
      assertThat(IdentityTestSupport.rotate(again, id, 1).getDocument().getSequence()).isEqualTo(2);
    } finally {
      again.close().await();
    }
  }
}
