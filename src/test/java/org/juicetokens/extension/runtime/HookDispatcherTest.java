package org.juicetokens.extension.runtime;

import io.vertx.core.Vertx;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ProtobufCodec;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.token.transaction.proto.TxState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher converts an event to JSON only while some extension receives its hook. */
class HookDispatcherTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void no_json_is_built_without_a_subscriber_and_the_event_is_delivered_with_one() throws Exception {
    ProtobufCodec.register(vertx.eventBus());
    HookEvents events = new HookEvents("a", () -> 42L);
    AtomicBoolean subscribed = new AtomicBoolean(false);
    List<Hook> asked = new CopyOnWriteArrayList<>();
    List<HookEvent> delivered = new CopyOnWriteArrayList<>();
    HookDispatcher dispatcher = new HookDispatcher(vertx.eventBus(), events, hook -> {
      asked.add(hook);
      return subscribed.get();
    }, delivered::add);
    dispatcher.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    TransferEvent event = TransferEvent.newBuilder().setTxId("t1").setNodeId("a").setState(TxState.COMMITTED).setAtMs(7).build();

    vertx.eventBus().publish(Addresses.TX_EVENTS, event);
    eventually("the dispatcher looked at the subscribers", () -> asked.size() == 1);
    assertThat(asked).containsExactly(Hook.TRANSACTION_STATE);
    assertThat(events.printed()).isZero();
    assertThat(delivered).isEmpty();

    subscribed.set(true);
    vertx.eventBus().publish(Addresses.TX_EVENTS, event);
    eventually("the event was delivered", () -> delivered.size() == 1);
    assertThat(events.printed()).isEqualTo(1);
    assertThat(delivered.get(0).hook()).isEqualTo(Hook.TRANSACTION_STATE);
    assertThat(delivered.get(0).data().getString("txId")).isEqualTo("t1");
    dispatcher.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
