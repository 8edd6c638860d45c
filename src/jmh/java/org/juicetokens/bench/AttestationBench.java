package org.juicetokens.bench;

import com.google.protobuf.ByteString;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.crypto.Ed25519;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.trust.attestation.Attestations;
import org.juicetokens.trust.attestation.Reputation;
import org.juicetokens.trust.attestation.TrustGraph;
import org.juicetokens.trust.attestation.TrustLevel;
import org.juicetokens.trust.attestation.proto.AttestationRecord;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.PeerAttestation;
import org.juicetokens.trust.attestation.proto.ReputationRequest;
import org.juicetokens.trust.attestation.proto.SignedAttestation;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What attestations cost. On a three-member cluster in this JVM: {@code create} (one attestation
 * created through the node-local API: routed to the attester's home node, signed, claimed in the
 * DHT, indexed by subject, kept on the home node with a synced write, and verified on the answer)
 * as latency samples and as throughput with 4 callers, and {@code reputation} of a subject with
 * {@value #PER_SUBJECT} attestations (every one read from the DHT and verified, plus its
 * attesters'). Pure, in the same run: signing and verifying one attestation (the bound of the
 * create path's CPU), and the reputation and trust propagation over a graph of
 * {@value #GRAPH_ATTESTATIONS} attestations among {@value #GRAPH_IDENTITIES} identities.
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="AttestationBench -f 1 -wi 1 -i 3"}.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class AttestationBench {
  static final int PER_SUBJECT = 50;
  static final int GRAPH_ATTESTATIONS = 10_000;
  static final int GRAPH_IDENTITIES = 1_000;
  private static final int IDENTITIES = 12;

  private BenchCluster cluster;
  private final List<String> identities = new ArrayList<>();
  private final AtomicInteger nextCaller = new AtomicInteger();
  private String reputed;
  private Ed25519.PrivateKey key;
  private PeerAttestation attestation;
  private AttestationRecord signedRecord;
  private Attestations.Context context;
  private Reputation graphReputation;
  private TrustGraph graph;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    cluster = BenchCluster.start("attestationbench", Map.of("attestation.maxPerSubject", "100000"));
    for (int i = 0; i < IDENTITIES; i++) {
      identities.add(BenchCluster.identity(cluster.node(i), "Bench " + i));
    }
    reputed = BenchCluster.identity(cluster.node(0), "Reputed");
    for (int i = 0; i < PER_SUBJECT; i++) {
      create(identities.get(i % IDENTITIES), reputed);
    }
    pure();
    graph();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    cluster.close();
  }

  /** One caller's attester; it attests the other identities in turn. */
  @State(Scope.Thread)
  public static class Caller {
    int index;
    int next;

    @Setup(Level.Trial)
    public void take(AttestationBench bench) {
      index = bench.nextCaller.getAndIncrement();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public AttestationView createLatency(Caller caller) throws Exception {
    return createNext(caller);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public AttestationView createThroughput(Caller caller) throws Exception {
    return createNext(caller);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public org.juicetokens.trust.attestation.proto.Reputation reputation() throws Exception {
    return Bus.request(cluster.node(1).vertx().eventBus(), Addresses.ATTESTATION_REPUTATION,
      ReputationRequest.newBuilder().setIdentityId(reputed).build(), BenchCluster.TIMEOUT_MS,
      org.juicetokens.trust.attestation.proto.Reputation.class).await(BenchCluster.TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public AttestationRecord boundSign() {
    ByteString bytes = attestation.toByteString();
    return AttestationRecord.newBuilder().setAttestation(SignedAttestation.newBuilder().setAttestation(bytes)
      .setPublicKey(ByteString.copyFrom(key.publicKey())).setSignature(ByteString.copyFrom(key.sign(Attestations.signedBytes(bytes))))).build();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Attestations.Verdict boundVerify() {
    return Attestations.verify(signedRecord, context);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double reputationOverGraph() {
    return graphReputation.score("i0", 3);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public TrustGraph.Trust propagationOverGraph() {
    return graph.propagate("i0", "i999", 3);
  }

  private AttestationView createNext(Caller caller) throws Exception {
    String attester = identities.get(caller.index % IDENTITIES);
    String subject = identities.get((caller.index + 1 + caller.next++ % (IDENTITIES - 1)) % IDENTITIES);
    return create(attester, subject);
  }

  private AttestationView create(String attester, String subject) throws Exception {
    AttestationView view = Bus.request(cluster.node(0).vertx().eventBus(), Addresses.ATTESTATION_CREATE, CreateAttestationRequest.newBuilder()
        .setAttesterId(attester).setSubjectId(subject).setType("reliable").setStrength(80).setContent("bench").build(),
      BenchCluster.TIMEOUT_MS, AttestationView.class).await(BenchCluster.TIMEOUT_MS, TimeUnit.MILLISECONDS);
    if (!view.getValid()) {
      throw new IllegalStateException("created attestation is invalid: " + view.getReason());
    }
    return view;
  }

  private void pure() {
    key = Ed25519.generate(new SecureRandom());
    long now = System.currentTimeMillis();
    attestation = PeerAttestation.newBuilder().setId("0123456789abcdef0123456789abcdef").setAttesterId("a".repeat(40))
      .setSubjectId("b".repeat(40)).setType("reliable").setContent("bench").setStrength(80).setValidFromMs(now).setCreatedAtMs(now).build();
    signedRecord = boundSign();
    context = new Attestations.Context(List.of(ByteString.copyFrom(key.publicKey())), true, now);
  }

  /** {@value #GRAPH_ATTESTATIONS} random attestations among {@value #GRAPH_IDENTITIES} identities (fixed seed: the same graph each run). */
  private void graph() {
    Random random = new Random(42);
    Map<String, List<Reputation.Edge>> about = new HashMap<>();
    graph = new TrustGraph();
    for (int i = 0; i < GRAPH_ATTESTATIONS; i++) {
      String attester = "i" + random.nextInt(GRAPH_IDENTITIES);
      String subject = "i" + random.nextInt(GRAPH_IDENTITIES);
      int strength = random.nextInt(101);
      about.computeIfAbsent(subject, k -> new ArrayList<>()).add(new Reputation.Edge(attester, strength));
      graph.trust(attester, subject, TrustLevel.ofStrength(strength));
    }
    graphReputation = new Reputation(about, Map.of(), 0.2, 50);
  }
}
