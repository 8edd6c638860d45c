package org.juicetokens.bench;

import org.juicetokens.crypto.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

/**
 * Ed25519 sign and verify of a 160-byte message (the size of a signed telomere link) with
 * BouncyCastle, as the node uses it ({@link Ed25519}), next to the JDK's own provider
 * (KeyPairGenerator / Signature "Ed25519", SunEC) as the baseline; bcVerify goes through the memo of
 * positive verifications (a hit), bcVerifyUncached is the curve alone, bcVerifyMiss a miss. Run:
 * {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="SignatureBench -f 1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SignatureBench {
  private final byte[] data = new byte[160];
  private Ed25519.PrivateKey bcKey;
  private byte[] bcPublic;
  private byte[] bcSignature;
  private byte[] badSignature;
  private KeyPair jdkKeys;
  private Signature jdkSigner;
  private Signature jdkVerifier;
  private byte[] jdkSignature;

  @Setup
  public void setUp() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    random.nextBytes(data);
    bcKey = Ed25519.generate(random);
    bcPublic = bcKey.publicKey();
    bcSignature = bcKey.sign(data);
    badSignature = bcSignature.clone();
    // a bit of S, not of R: BouncyCastle refuses an R that is not a curve point before any arithmetic
    badSignature[40] ^= 1;
    jdkKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    jdkSigner = Signature.getInstance("Ed25519");
    jdkVerifier = Signature.getInstance("Ed25519");
    jdkSignature = jdkSign();
    if (!jdkVerify() || !bcVerify()) {
      throw new IllegalStateException("a fresh signature does not verify");
    }
  }

  @Benchmark
  public byte[] bcSign() {
    return bcKey.sign(data);
  }

  /** As the node verifies: through the memo of positive verifications, so after the first call a hit (SHA-256 of the inputs + a map lookup). */
  @Benchmark
  public boolean bcVerify() {
    return Ed25519.verify(bcPublic, data, bcSignature);
  }

  /** The curve arithmetic alone (what every verify cost before the memo). */
  @Benchmark
  public boolean bcVerifyUncached() {
    return Ed25519.verifyUncached(bcPublic, data, bcSignature);
  }

  /** A miss through the memo: a failed verification is never remembered, so a bad signature is a miss every time (hash + curve). */
  @Benchmark
  public boolean bcVerifyMiss() {
    return Ed25519.verify(bcPublic, data, badSignature);
  }

  @Benchmark
  public byte[] jdkSign() throws GeneralSecurityException {
    jdkSigner.initSign(jdkKeys.getPrivate());
    jdkSigner.update(data);
    return jdkSigner.sign();
  }

  @Benchmark
  public boolean jdkVerify() throws GeneralSecurityException {
    jdkVerifier.initVerify(jdkKeys.getPublic());
    jdkVerifier.update(data);
    return jdkVerifier.verify(jdkSignature);
  }
}
