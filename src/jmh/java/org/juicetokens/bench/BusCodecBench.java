package org.juicetokens.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.token.proto.SignedGenesis;
import org.juicetokens.token.proto.Telomere;
import org.juicetokens.token.proto.TelomereLink;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.transaction.proto.Initiation;
import org.juicetokens.token.transaction.proto.Packet;
import org.juicetokens.token.transaction.proto.TxMessage;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The event bus's cost per message: {@link ProtobufCodec} encode + decode of a typical exchange
 * message (a TxMessage initiation carrying one token with its genesis and a full 10-link
 * telomere, ≈ 2.3 KB: what crosses between members), and a node-local request/reply through
 * the bus ({@link Bus#serveLocal} + {@link Bus#request}: local delivery skips the wire codec),
 * from a caller thread that awaits each answer. Run:
 * {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="BusCodecBench -f 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class BusCodecBench {
  private static final String ADDRESS = "bench.echo";
  private final ProtobufCodec codec = new ProtobufCodec();
  private TxMessage message;
  private Vertx vertx;

  @Setup
  public void setUp() throws Exception {
    message = typical(new Random(42));
    vertx = Vertx.vertx();
    ProtobufCodec.register(vertx.eventBus());
    Bus.serveLocal(vertx.eventBus(), ADDRESS, TxMessage.class, Future::succeededFuture);
  }

  @TearDown
  public void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public Message codecRoundTrip() {
    Buffer buffer = Buffer.buffer(2_600);
    codec.encodeToWire(buffer, message);
    return codec.decodeFromWire(0, buffer);
  }

  @Benchmark
  public TxMessage localRequestReply() throws Exception {
    return Bus.request(vertx.eventBus(), ADDRESS, message, 5_000, TxMessage.class).await(5, TimeUnit.SECONDS);
  }

  private static TxMessage typical(Random random) {
    Telomere.Builder telomere = Telomere.newBuilder().setOwnerKey(bytes(random, 32)).setPreviousOwnerHash(bytes(random, 32))
      .setHead(bytes(random, 32)).setCompost(bytes(random, 32)).setTransfers(25).setComposted(15);
    for (int i = 0; i < 10; i++) {
      telomere.addTail(TelomereLink.newBuilder().setSignerPublicKey(bytes(random, 32)).setNewOwnerKey(bytes(random, 32))
        .setTxId("6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c").setTimestampMs(1_700_000_000_000L + i).setPreviousHead(bytes(random, 32))
        .setSignature(bytes(random, 64)).setTransferNumber(16 + i));
    }
    Token token = Token.newBuilder().setId("47c609bc-coffee-10-001").setIssuanceId("47c609bc-coffee").setDenomination(10)
      .setOwnerId("3fa2c4d6-1b2c-4d5e-8f9a-0b1c2d3e4f5a")
      .setGenesis(SignedGenesis.newBuilder().setRecord(bytes(random, 220)).setSignature(bytes(random, 64)))
      .setTelomere(telomere).setExpiresAtMs(1_800_000_000_000L).build();
    return TxMessage.newBuilder().setTxId("6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c").setTimestampMs(1_700_000_000_000L)
      .setSenderNode("n1").setSenderKey(bytes(random, 32))
      .setInitiation(Initiation.newBuilder().setSExo(Packet.newBuilder().setTxId("6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c")
        .addTokens(token))).build();
  }

  private static ByteString bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return ByteString.copyFrom(b);
  }
}
