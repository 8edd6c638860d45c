package org.juicetokens.governance.health;

import io.netty.channel.nio.NioEventLoopGroup;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventLoopHealthTest {
  private final EventLoopHealth rules = new EventLoopHealth(new Threshold(200, 2000));

  @Test
  void a_punctual_loop_is_up_and_a_late_one_degrades_or_is_down() {
    JsonObject up = rules.evaluate(3.0, 10.0, 4);
    assertThat(up.getString("status")).isEqualTo("UP");
    assertThat(up.getDouble("loadPercent")).isEqualTo(0.5);
    assertThat(up.getInteger("loops")).isEqualTo(4);
    JsonObject late = rules.evaluate(1.0, 450.0, 4);
    assertThat(late.getString("status")).isEqualTo("DEGRADED");
    assertThat(late.getString("reason")).contains("450.0 ms late");
    assertThat(rules.evaluate(2500, 0, 4).getString("status")).isEqualTo("DOWN");
  }

  @Test
  void the_probe_sees_a_loop_held_by_a_long_task() throws Exception {
    NioEventLoopGroup group = new NioEventLoopGroup(2);
    EventLoopProbe probe = new EventLoopProbe(group, 20);
    try {
      probe.start();
      assertThat(probe.loops()).isEqualTo(2);
      CountDownLatch held = new CountDownLatch(1);
      // hold one loop for 300 ms: its next probe timer runs about that late
      group.next().execute(() -> {
        try {
          held.await(300, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      long deadline = System.currentTimeMillis() + 10_000;
      double worst = 0;
      while (worst < 100 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
        worst = Math.max(worst, probe.takeWorstMs());
      }
      assertThat(worst).isGreaterThanOrEqualTo(100);
    } finally {
      probe.stop();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }
}
