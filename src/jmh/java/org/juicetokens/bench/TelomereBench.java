package org.juicetokens.bench;

import com.google.protobuf.ByteString;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.token.proto.GenesisRecord;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.TelomereLinkSigned;
import org.juicetokens.token.telomere.TelomereVerification;
import org.juicetokens.token.telomere.Telomeres;
import org.juicetokens.token.telomere.VerifyOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The telomere's cost per link against raw Ed25519, measured in the same run (one thread):
 * <ul>
 *   <li>{@code transform}: sign + append of one link onto a full 10-link tail (so one link is
 *       composted): one Ed25519 sign, one verify (append checks the owner's signature), two SHA-256;</li>
 *   <li>{@code append}: the same with the signature made beforehand (what a node does when the
 *       signature comes back from the owner's home node);</li>
 *   <li>{@code verifyFullTail}: verify of a telomere with 10 retained links and composted ones:
 *       11 Ed25519 verifies (genesis + links) and 11 SHA-256;</li>
 *   <li>{@code ed25519Sign} / {@code ed25519Verify}: raw BouncyCastle over the same ~140-byte
 *       TelomereLinkSigned.</li>
 * </ul>
 * Ratios to report: transform ÷ (sign + verify), verifyFullTail ÷ (11 × verify).
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="TelomereBench -f 1 -wi 1 -i 3"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TelomereBench {
  private static final String TOKEN_ID = "89c25-BENCH-5-001";
  private static final int TAIL = 10;

  private SignedGenesis genesis;
  private Telomere full;
  private Ed25519.PrivateKey owner;
  private byte[] nextOwner;
  private TelomereLinkSigned signed;
  private byte[] signedBytes;
  private byte[] signature;
  private VerifyOptions options;

  @Setup
  public void setUp() {
    Random random = new Random(7);
    Ed25519.PrivateKey issuer = key(random);
    Ed25519.PrivateKey[] owners = {key(random), key(random), key(random)};
    byte[] record = GenesisRecord.newBuilder().setTokenId(TOKEN_ID).setDenomination(5).setIssuerId("issuer")
      .setIssuerKey(ByteString.copyFrom(issuer.publicKey())).setOwnerId("owner").setOwnerKey(ByteString.copyFrom(owners[0].publicKey()))
      .setCreatedAtMs(1_700_000_000_000L).setExpiresAtMs(1_731_536_000_000L).build().toByteArray();
    genesis = SignedGenesis.newBuilder().setRecord(ByteString.copyFrom(record)).setSignature(ByteString.copyFrom(issuer.sign(record))).build();
    Telomere t = Telomeres.genesis(TOKEN_ID, genesis, owners[0].publicKey());
    for (int i = 0; i < 13; i++) {
      t = Telomeres.transform(TOKEN_ID, t, owners[i % 3], owners[(i + 1) % 3].publicKey(),
        "9b2f7c1e-5d4a-4e8b-a3c6-" + String.format("%012d", i), 1_700_000_000_000L + i, TAIL);
    }
    full = t;
    owner = owners[13 % 3];
    nextOwner = owners[14 % 3].publicKey();
    signed = Telomeres.linkToSign(TOKEN_ID, full, nextOwner, "9b2f7c1e-5d4a-4e8b-a3c6-000000000013", 1_700_000_000_013L);
    signedBytes = signed.toByteArray();
    signature = owner.sign(signedBytes);
    options = VerifyOptions.of(TAIL).withIssuerKey(issuer.publicKey());
    if (!Telomeres.verify(TOKEN_ID, genesis, full, options).valid()) {
      throw new IllegalStateException("the benchmark telomere does not verify");
    }
  }

  private static Ed25519.PrivateKey key(Random random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return Ed25519.privateKey(seed);
  }

  @Benchmark
  public Telomere transform() {
    return Telomeres.transform(TOKEN_ID, full, owner, nextOwner, "9b2f7c1e-5d4a-4e8b-a3c6-000000000013", 1_700_000_000_013L, TAIL);
  }

  @Benchmark
  public Telomere append() {
    return Telomeres.append(full, signed, owner.publicKey(), signature, TAIL);
  }

  @Benchmark
  public TelomereVerification verifyFullTail() {
    return Telomeres.verify(TOKEN_ID, genesis, full, options);
  }

  /** {@link #append} with the memo of positive verifications off: the figure of before it. */
  @Benchmark
  public Telomere appendUncached(MemoOff off) {
    return Telomeres.append(full, signed, owner.publicKey(), signature, TAIL);
  }

  /** {@link #verifyFullTail} with the memo off: every link's signature checked on the curve again. */
  @Benchmark
  public TelomereVerification verifyFullTailUncached(MemoOff off) {
    return Telomeres.verify(TOKEN_ID, genesis, full, options);
  }

  @Benchmark
  public byte[] ed25519Sign() {
    return owner.sign(signedBytes);
  }

  @Benchmark
  public boolean ed25519Verify() {
    return Ed25519.verify(owner.publicKey(), signedBytes, signature);
  }
}
