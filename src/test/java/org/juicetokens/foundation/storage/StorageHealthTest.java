package org.juicetokens.foundation.storage;

import org.juicetokens.foundation.storage.proto.StorageStats;
import org.juicetokens.governance.health.ComponentStatus;
import org.juicetokens.governance.health.Threshold;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StorageHealthTest {
  private static final long MIN_FREE = 64L << 20;
  private static final DiskFigures ROOMY = new DiskFigures(1_000, 10L << 30, 100L << 30);
  private static final StorageStats OPEN = StorageStats.newBuilder().setOpen(true).setPath("/data/n1/store")
    .setSizeOnDiskBytes(1_000).setReads(5).setWrites(7).setErrors(1).setLastError("empty key").build();

  @Test
  void open_store_with_room_and_healthy_writes_is_up() {
    StorageHealth health = StorageHealth.of(OPEN, ROOMY, MIN_FREE, Optional.empty());

    assertThat(health.up()).isTrue();
    assertThat(health.data().getString("path")).isEqualTo("/data/n1/store");
    assertThat(health.data().getLong("sizeOnDiskBytes")).isEqualTo(1_000);
    assertThat(health.data().getLong("diskFreeBytes")).isEqualTo(10L << 30);
    assertThat(health.data().getDouble("diskUsedPercent")).isEqualTo(90.0);
    assertThat(health.data().getLong("reads")).isEqualTo(5);
    assertThat(health.data().getLong("writes")).isEqualTo(7);
    assertThat(health.data().getLong("errors")).isEqualTo(1);
    assertThat(health.data().getString("lastError")).isEqualTo("empty key");
    assertThat(health.data().containsKey("reason")).isFalse();
  }

  @Test
  void closed_store_is_down() {
    StorageHealth health = StorageHealth.of(OPEN.toBuilder().setOpen(false).build(), ROOMY, MIN_FREE, Optional.empty());
    assertThat(health.up()).isFalse();
    assertThat(health.data().getString("reason")).isEqualTo("store closed");
  }

  @Test
  void disk_below_the_minimum_free_is_down() {
    DiskFigures full = new DiskFigures(1_000, MIN_FREE - 1, 100L << 30);
    StorageHealth health = StorageHealth.of(OPEN, full, MIN_FREE, Optional.empty());
    assertThat(health.up()).isFalse();
    assertThat(health.data().getString("reason")).startsWith("disk almost full");
  }

  @Test
  void last_write_failing_with_an_io_error_is_down() {
    StorageHealth health = StorageHealth.of(OPEN, ROOMY, MIN_FREE, Optional.of("disk full (write): No space left on device"));
    assertThat(health.up()).isFalse();
    assertThat(health.data().getString("reason")).contains("No space left");
  }

  @Test
  void pending_compaction_at_its_limit_degrades_and_is_the_load() {
    Threshold limit = Threshold.degradedOnly(1L << 30);
    StorageHealth quiet = StorageHealth.of(OPEN, ROOMY, MIN_FREE, Optional.empty(), 256L << 20, limit);
    assertThat(quiet.status()).isEqualTo(ComponentStatus.UP);
    assertThat(quiet.data().getDouble("loadPercent")).isEqualTo(25.0);
    assertThat(quiet.data().getLong("pendingCompactionBytes")).isEqualTo(256L << 20);

    StorageHealth behind = StorageHealth.of(OPEN, ROOMY, MIN_FREE, Optional.empty(), 2L << 30, limit);
    assertThat(behind.status()).isEqualTo(ComponentStatus.DEGRADED);
    assertThat(behind.up()).isTrue();
    assertThat(behind.toStatus().isOk()).isTrue();
    assertThat(behind.data().getString("status")).isEqualTo("DEGRADED");
    assertThat(behind.data().getString("reason")).contains("waiting for compaction");
  }

  @Test
  void a_closed_store_stays_down_whatever_its_compaction() {
    StorageHealth closed = StorageHealth.of(OPEN.toBuilder().setOpen(false).build(), ROOMY, MIN_FREE, Optional.empty(), 5L << 30,
      Threshold.degradedOnly(1L << 30));
    assertThat(closed.status()).isEqualTo(ComponentStatus.DOWN);
    assertThat(closed.toStatus().isOk()).isFalse();
    assertThat(closed.data().getString("reason")).isEqualTo("store closed");
  }
}
