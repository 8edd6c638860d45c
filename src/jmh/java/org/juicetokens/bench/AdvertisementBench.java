package org.juicetokens.bench;

import com.google.protobuf.ByteString;
import org.juicetokens.foundation.dht.DhtMaps;
import org.juicetokens.foundation.dht.proto.DhtEntry;
import org.juicetokens.foundation.dht.proto.DhtPutRequest;
import org.juicetokens.node.NodeKey;
import org.juicetokens.transport.discovery.AdvertisementVerifier;
import org.juicetokens.transport.discovery.Advertisements;
import org.juicetokens.transport.discovery.proto.PeerAdvertisement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What a signed peer advertisement costs: signing one (the node, every refresh) and verifying
 * one (every reader, for every member, every round), Ed25519 through BouncyCastle.
 * Run: {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="AdvertisementBench -f 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AdvertisementBench {
  private NodeKey key;
  private PeerAdvertisement ad;
  private DhtEntry entry;
  private final AdvertisementVerifier verifier = new AdvertisementVerifier();

  @Setup
  public void setUp() {
    key = NodeKey.ephemeral();
    ad = PeerAdvertisement.newBuilder().setNodeId("node-1").setNodePublicKey(ByteString.copyFrom(key.publicKey()))
      .addAddresses("10.0.0.1:8080").setPipeEndpoint("ws://10.0.0.1:8080/pipe").setVersion("0.1.0").setClusterName("juicetokens")
      .setIssuedAtMs(System.currentTimeMillis()).build();
    DhtPutRequest put = Advertisements.signedPut(ad, key, 30);
    entry = DhtEntry.newBuilder().setValue(put.getValue()).setWrittenAtMs(put.getWrittenAtMs()).setSignerId(put.getSignerId())
      .setSignerPublicKey(put.getSignerPublicKey()).setSignature(put.getSignature()).build();
  }

  @Benchmark
  public DhtPutRequest sign() {
    return Advertisements.signedPut(ad, key, 30);
  }

  @Benchmark
  public boolean verify() {
    return verifier.verify(DhtMaps.PEER_ADVERTISEMENTS, "node-1", entry);
  }
}
