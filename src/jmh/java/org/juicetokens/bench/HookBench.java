package org.juicetokens.bench;

import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.extension.runtime.HookEvents;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.token.transaction.proto.TxState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What turning one transfer event into a hook event costs (its proto3 JSON): every transfer side's
 * state change paid it before, with or without an extension receiving transaction.state; now the
 * extension runtime pays it only while one does. Run:
 * {@code ./mvnw -Pbench -DskipTests package exec:exec -Djmh.args="HookBench -f 1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class HookBench {
  private final HookEvents events = new HookEvents("n1", System::currentTimeMillis);
  private final TransferEvent event = TransferEvent.newBuilder().setTxId("tx-0123456789abcdef0123456789abcdef").setNodeId("n1")
    .setState(TxState.COMMITTED).setAtMs(1_700_000_000_000L).setAmountHundredths(100).build();

  @Benchmark
  public Optional<HookEvent> transferEventToJson() {
    return events.transfer(event);
  }
}
