package org.juicetokens.bench;

import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.MintReply;
import org.juicetokens.api.v1.MintRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.trust.identity.proto.IdentityView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Minting through a running node (one JVM, a cluster of one, real identities, RocksDB with synced
 * batches, the Hazelcast DHT): one token per call, and a batch of 100 per call; next to them the
 * raw Ed25519 sign and verify of BouncyCastle in the same run, so the mint's cost can be read as a
 * multiple of its signatures. A single mint = 2 identity lookups, 1 DHT read + 1 conditional DHT
 * write of the issuance claim (1 signature) kept locally (1 synced write), 1 genesis signature, 1
 * genesis verification on the home node (plus an identity lookup), 1 synced storage batch, 1 index
 * write and 1 unsynced marker removal.
 * One caller thread, one mint in flight.
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="MintBench -f 1 -wi 1 -i 3"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class MintBench {
  private static final long TIMEOUT_MS = 30_000;
  private static final byte[] DATA = new byte[160]; // about the size of a genesis record

  private JuiceNode node;
  private Path dataDir;
  private MintRequest single;
  private MintRequest batch;
  private Ed25519.PrivateKey key;
  private byte[] publicKey;
  private byte[] signature;

  @Setup(Level.Trial)
  public void startNode() throws Exception {
    dataDir = Files.createTempDirectory("jt-mintbench-");
    node = JuiceNode.start(NodeConfig.of(Map.of("node.id", "bench", "http.port", "0", "node.dataDir", dataDir.toString(),
      "cluster.name", "bench-" + UUID.randomUUID(), "cluster.port", String.valueOf(freePort()), "log.level", "WARN")))
      .await(90, TimeUnit.SECONDS);
    String issuer = identity("Bench issuer");
    String owner = identity("Bench owner");
    single = MintRequest.newBuilder().setIssuerId(issuer).setOwnerId(owner).setReference("single").setDenomination(10).setCount(1).build();
    batch = single.toBuilder().setReference("batch").setCount(100).build();
    key = Ed25519.generate(new SecureRandom());
    publicKey = key.publicKey();
    new SecureRandom().nextBytes(DATA);
    signature = key.sign(DATA);
  }

  private String identity(String name) throws Exception {
    return Bus.request(node.vertx().eventBus(), Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(),
      TIMEOUT_MS, IdentityView.class).await(TIMEOUT_MS, TimeUnit.MILLISECONDS).getDocument().getId();
  }

  @TearDown(Level.Trial)
  public void stopNode() throws Exception {
    node.close().await(60, TimeUnit.SECONDS);
  }

  private MintReply mint(MintRequest request) throws Exception {
    return Bus.request(node.vertx().eventBus(), Addresses.TOKEN_MINT, request, TIMEOUT_MS, MintReply.class)
      .await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  @Benchmark
  public MintReply mintOne() throws Exception {
    return mint(single);
  }

  @Benchmark
  public MintReply mintBatchOf100() throws Exception {
    return mint(batch);
  }

  @Benchmark
  public byte[] ed25519Sign() {
    return key.sign(DATA);
  }

  @Benchmark
  public boolean ed25519Verify() {
    return Ed25519.verify(publicKey, DATA, signature);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
