package org.juicetokens.bench;

import org.juicetokens.crypto.Ed25519;
import org.juicetokens.crypto.KeyEncryption;
import org.juicetokens.crypto.MasterKey;
import org.juicetokens.trust.identity.IdentityDocuments;
import org.juicetokens.trust.identity.Verification;
import org.juicetokens.trust.identity.proto.IdentityDocument;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an identity costs: an Ed25519 key pair (BouncyCastle), signing a document and verifying a
 * signed one (a rotated document: id, one endorsement and the signature), and sealing / opening
 * a key seed with AES-256-GCM (JCA). Run:
 * {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="IdentityBench -f 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class IdentityBench {
  private final SecureRandom random = new SecureRandom();
  private Path dir;
  private Ed25519.PrivateKey key;
  private IdentityDocument document;
  private IdentityDocuments.Signed rotated;
  private KeyEncryption sealer;
  private byte[] seed;
  private byte[] aad;
  private byte[] sealed;

  @Setup
  public void setUp() throws IOException {
    key = Ed25519.generate(random);
    Ed25519.PrivateKey next = Ed25519.generate(random);
    IdentityDocuments.Signed created = IdentityDocuments.create(key, "Bench", "node-1", System.currentTimeMillis());
    document = created.document();
    rotated = IdentityDocuments.rotate(document, key, next, System.currentTimeMillis());
    dir = Files.createTempDirectory("jt-identity-bench");
    sealer = new KeyEncryption(MasterKey.loadOrCreate(dir.resolve("master.key"), random), random);
    seed = key.seed();
    aad = KeyEncryption.keyAad(document.getId(), 0);
    sealed = sealer.seal(seed, aad);
  }

  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  public Ed25519.PrivateKey keyGeneration() {
    return Ed25519.generate(random);
  }

  @Benchmark
  public IdentityDocuments.Signed documentSign() {
    return IdentityDocuments.sign(document, 0, key);
  }

  /** Through the memo of positive verifications (VerifiedSignatures), as the node runs: its two signatures are hits. */
  @Benchmark
  public Verification documentVerify() {
    return IdentityDocuments.verify(rotated.signed(), null);
  }

  /** The memo off (crypto.verifiedCacheEntries = 0): what every verification of a document cost before. */
  @Benchmark
  public Verification documentVerifyUncached(MemoOff off) {
    return IdentityDocuments.verify(rotated.signed(), null);
  }

  @Benchmark
  public byte[] sealKey() {
    return sealer.seal(seed, aad);
  }

  @Benchmark
  public byte[] openKey() {
    return sealer.open(sealed, aad);
  }
}
