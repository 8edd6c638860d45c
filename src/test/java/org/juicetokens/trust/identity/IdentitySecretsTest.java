package org.juicetokens.trust.identity;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import org.juicetokens.common.Addresses;
import org.juicetokens.crypto.Hex;
import org.juicetokens.crypto.KeyEncryption;
import org.juicetokens.crypto.MasterKey;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreEntry;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.trust.identity.proto.SealedKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Private keys at rest and in logs: after create, sign, rotate, sign and revoke (logging at
 * DEBUG), no file of the node's store holds a seed in clear (raw or hex) while the public keys are
 * found there, and no log line holds a seed (hex or base64).
 */
class IdentitySecretsTest {

  @Test
  void no_seed_in_the_store_files_nor_in_the_log(@TempDir Path tmp) throws Exception {
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger juice = logs.getLogger("org.juicetokens");
    Level before = juice.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logs);
    captured.start();
    juice.addAppender(captured);
    juice.setLevel(Level.DEBUG);
    Logger operations = logs.getLogger("org.juicetokens.operations");
    Level operationsBefore = operations.getLevel();
    operations.setLevel(Level.DEBUG);

    List<byte[]> seeds = new ArrayList<>();
    List<byte[]> publicKeys = new ArrayList<>();
    Path nodeDir = tmp.resolve("a");
    try {
      JuiceNode node = IdentityTestSupport.start(IdentityTestSupport.settings(tmp, "a", "test-" + UUID.randomUUID(), FreePorts.next(), "",
        Map.of()));
      try {
        String id = IdentityTestSupport.create(node, "Dora").getDocument().getId();
        IdentityTestSupport.sign(node, id, "one".getBytes(StandardCharsets.UTF_8));
        IdentityTestSupport.rotate(node, id, 1);
        IdentityTestSupport.sign(node, id, "two".getBytes(StandardCharsets.UTF_8));
        IdentityTestSupport.prove(node, id, IdentityTestSupport.challenge(node, id).getChallenge());
        IdentityTestSupport.revoke(node, id, 2);
        IdentityTestSupport.failure(node, Addresses.IDENTITY_SIGN, org.juicetokens.trust.identity.proto.IdentitySignRequest.newBuilder()
          .setIdentityId(id).build());

        // the seeds, as only the node could know them: the sealed records opened with the master key file
        StoreScanResult scan = IdentityTestSupport.ask(node, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.KEYS.dbName())
          .setPrefix(ByteString.copyFromUtf8(Keystore.KEY_PREFIX)).build(), StoreScanResult.class);
        KeyEncryption sealer = new KeyEncryption(MasterKey.loadOrCreate(nodeDir.resolve(IdentityVerticle.MASTER_KEY_FILE), new SecureRandom()),
          new SecureRandom());
        for (StoreEntry e : scan.getEntriesList()) {
          SealedKey sealed = SealedKey.parseFrom(e.getValue());
          seeds.add(sealer.open(sealed.getSealedSeed().toByteArray(), KeyEncryption.keyAad(sealed.getIdentityId(), sealed.getKeyIndex())));
          publicKeys.add(sealed.getPublicKey().toByteArray());
        }
      } finally {
        node.close().await();
      }
    } finally {
      juice.detachAppender(captured);
      juice.setLevel(before);
      operations.setLevel(operationsBefore);
    }
    assertThat(seeds).hasSize(2);

    List<Path> files;
    try (Stream<Path> walk = Files.walk(nodeDir.resolve("store"))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    boolean publicKeySeen = false;
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (byte[] seed : seeds) {
        assertThat(indexOf(content, seed)).as("raw seed in " + file).isEqualTo(-1);
        assertThat(indexOf(content, Hex.of(seed).getBytes(StandardCharsets.US_ASCII))).as("hex seed in " + file).isEqualTo(-1);
        assertThat(indexOf(content, HexFormat.of().withUpperCase().formatHex(seed).getBytes(StandardCharsets.US_ASCII)))
          .as("HEX seed in " + file).isEqualTo(-1);
      }
      publicKeySeen |= indexOf(content, publicKeys.get(0)) >= 0;
    }
    assertThat(publicKeySeen).as("sanity: the public key is stored in clear").isTrue();

    assertThat(captured.list).as("sanity: the operations logged at DEBUG").isNotEmpty();
    StringBuilder text = new StringBuilder();
    for (ILoggingEvent event : captured.list) {
      text.append(event.getFormattedMessage()).append('\n');
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        text.append(t.getMessage()).append('\n');
      }
    }
    String log = text.toString();
    assertThat(log).contains("[Identity]");
    for (byte[] seed : seeds) {
      assertThat(log).doesNotContainIgnoringCase(Hex.of(seed))
        .doesNotContain(Base64.getEncoder().encodeToString(seed))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(seed));
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
