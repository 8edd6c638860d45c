package org.juicetokens.bench;

import com.google.protobuf.ByteString;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.api.v1.TransferRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreAck;
import org.juicetokens.foundation.storage.proto.StorePut;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.token.transaction.proto.TxState;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Committed transfers on a cluster of three nodes (three members in this JVM: real Hazelcast, three
 * RocksDB stores with synced writes, the clustered event bus between them): each caller thread has
 * its own pair of identities homed on two different nodes and pays one 10-unit token back and forth
 * (exact payments, no change), one transfer in flight per thread. {@code transferLatency} samples
 * single-caller latency (p50/p99 from JMH's SampleTime); {@code transferThroughput} runs 4 callers.
 * <p>
 * The CPU-bound limit a transfer cannot beat, measured in the same run: per 1-token transfer the
 * payer's node signs the link and the commit certificate (2 signs) and verifies the certificate;
 * the payee's node verifies the incoming telomere (genesis + every retained link, growing to the
 * tail of 10) and the certificate; each side writes PREPARED and COMMITTED synced (4 synced
 * writes, on two disks when the nodes have their own). Bound ≈ 2 × sign + (3 + links) × verify
 * of CPU, plus 2 synced writes on each node's critical path.
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="TransferBench -f 1 -wi 1 -i 3"}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class TransferBench {
  private static final int TOKENS_PER_IDENTITY = 40;
  private static final byte[] DATA = new byte[160];

  private BenchCluster cluster;
  private final List<String[]> pairs = new ArrayList<>();
  private final AtomicInteger nextPair = new AtomicInteger();
  private Ed25519.PrivateKey key;
  private byte[] publicKey;
  private byte[] signature;

  @Setup(Level.Trial)
  public void startCluster() throws Exception {
    cluster = BenchCluster.start("transferbench", Map.of("time.peerPollIntervalMs", "500"));
    cluster.awaitAdequateTime();
    // up to 4 caller threads, each its own pair on two different nodes
    for (int p = 0; p < 4; p++) {
      JuiceNode home = cluster.node(p);
      JuiceNode other = cluster.node(p + 1);
      String a = BenchCluster.identity(home, "Bench A" + p);
      String b = BenchCluster.identity(other, "Bench B" + p);
      BenchCluster.mint(home, a, a, "a" + p, 10, TOKENS_PER_IDENTITY);
      BenchCluster.mint(other, b, b, "b" + p, 10, TOKENS_PER_IDENTITY);
      pairs.add(new String[] {a, b});
    }
    key = Ed25519.generate(new SecureRandom());
    publicKey = key.publicKey();
    new SecureRandom().nextBytes(DATA);
    signature = key.sign(DATA);
  }

  @TearDown(Level.Trial)
  public void stopCluster() throws Exception {
    cluster.close();
  }

  /** One caller's pair of identities; each call pays the other way round. */
  @State(Scope.Thread)
  public static class Caller {
    String[] pair;
    boolean forward = true;

    @Setup(Level.Trial)
    public void take(TransferBench bench) {
      pair = bench.pairs.get(bench.nextPair.getAndIncrement() % bench.pairs.size());
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public Transfer transferLatency(Caller caller) throws Exception {
    return pay(caller);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public Transfer transferThroughput(Caller caller) throws Exception {
    return pay(caller);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte[] boundEd25519Sign() {
    return key.sign(DATA);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean boundEd25519Verify() {
    return Ed25519.verify(publicKey, DATA, signature);
  }

  /** One synced 2 KiB write through the storage verticle: the floor of each step's durable record. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public StoreAck boundSyncedWrite() throws Exception {
    StorePut put = StorePut.newBuilder().setFamily(StoreFamily.KV.dbName()).setKey(ByteString.copyFromUtf8("bench/synced"))
      .setValue(ByteString.copyFrom(new byte[2048])).setSync(true).build();
    return Bus.request(cluster.node(0).vertx().eventBus(), Addresses.STORAGE_PUT, put, BenchCluster.TIMEOUT_MS, StoreAck.class)
      .await(BenchCluster.TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private Transfer pay(Caller caller) throws Exception {
    String from = caller.forward ? caller.pair[0] : caller.pair[1];
    String to = caller.forward ? caller.pair[1] : caller.pair[0];
    caller.forward = !caller.forward;
    Transfer transfer = Bus.request(cluster.node(0).vertx().eventBus(), Addresses.TX_TRANSFER,
      TransferRequest.newBuilder().setFromId(from).setToId(to).setAmountHundredths(1_000).build(), BenchCluster.TIMEOUT_MS, Transfer.class)
      .await(BenchCluster.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    if (transfer.getState() != TxState.COMMITTED) {
      throw new IllegalStateException("transfer " + transfer.getTxId() + " ended " + transfer.getState() + ": " + transfer.getErrorMessage());
    }
    return transfer;
  }
}
