package org.juicetokens.foundation.storage;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitterTest {
  private static final long TIMEOUT_S = 30;

  /** Records every group; the first group is held until {@link #release} so that the rest queues up. */
  private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch firstGroupStarted = new CountDownLatch(1);
  private GroupCommitter<Integer> committer;

  private GroupCommitter<Integer> committer(int maxWrites, long maxBytes) {
    committer = new GroupCommitter<>("test-commit", maxWrites, maxBytes, item -> 10, group -> {
      groups.add(List.copyOf(group));
      firstGroupStarted.countDown();
      await(release);
    });
    return committer;
  }

  @AfterEach
  void close() {
    release.countDown();
    if (committer != null) {
      committer.close();
    }
  }

  @Test
  void writes_queued_during_a_sync_share_the_next_sync() throws Exception {
    committer(256, Long.MAX_VALUE);
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    acks.add(committer.submit(0));
    assertThat(firstGroupStarted.await(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 100; i++) {
      acks.add(committer.submit(i));
    }
    assertThat(acks.subList(1, acks.size())).noneMatch(CompletableFuture::isDone);
    release.countDown();
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(TIMEOUT_S, TimeUnit.SECONDS);

    assertThat(committer.syncs()).isEqualTo(2);
    assertThat(committer.committed()).isEqualTo(101);
    assertThat(groups).hasSize(2);
    assertThat(groups.get(1)).hasSize(100).isSorted();
  }

  @Test
  void group_never_exceeds_max_writes() throws Exception {
    committer(7, Long.MAX_VALUE);
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    acks.add(committer.submit(0));
    assertThat(firstGroupStarted.await(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 20; i++) {
      acks.add(committer.submit(i));
    }
    release.countDown();
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(TIMEOUT_S, TimeUnit.SECONDS);

    assertThat(groups).allSatisfy(g -> assertThat(g).hasSizeLessThanOrEqualTo(7));
    assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(21);
    assertThat(committer.syncs()).isEqualTo(groups.size()).isEqualTo(4); // 1 + 7 + 7 + 6
  }

  @Test
  void group_stops_growing_once_max_bytes_is_reached() throws Exception {
    committer(256, 25); // items are 10 bytes: a group closes at its third item
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    acks.add(committer.submit(0));
    assertThat(firstGroupStarted.await(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 6; i++) {
      acks.add(committer.submit(i));
    }
    release.countDown();
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(TIMEOUT_S, TimeUnit.SECONDS);

    assertThat(groups.subList(1, groups.size())).allSatisfy(g -> assertThat(g).hasSize(3));
  }

  @Test
  void failed_group_fails_its_writes_and_the_next_group_still_commits() throws Exception {
    AtomicBoolean failNext = new AtomicBoolean(true);
    committer = new GroupCommitter<>("test-commit", 256, Long.MAX_VALUE, item -> 1, group -> {
      if (failNext.getAndSet(false)) {
        throw JuiceException.unavailable("disk I/O error", null);
      }
    });
    CompletableFuture<Void> failed = committer.submit(1);
    assertThatThrownBy(() -> failed.get(TIMEOUT_S, TimeUnit.SECONDS)).hasCauseInstanceOf(JuiceException.class);
    committer.submit(2).get(TIMEOUT_S, TimeUnit.SECONDS);
    assertThat(committer.syncs()).isEqualTo(1);
    assertThat(committer.committed()).isEqualTo(1);
  }

  @Test
  void close_commits_what_was_queued_and_rejects_what_comes_after() throws Exception {
    committer(256, Long.MAX_VALUE);
    CompletableFuture<Void> first = committer.submit(0);
    assertThat(firstGroupStarted.await(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> queued = committer.submit(1);
    Thread closer = new Thread(committer::close);
    closer.start();
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));

    assertThat(first).isCompleted();
    assertThat(queued).isCompleted();
    CompletableFuture<Void> late = committer.submit(2);
    assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
      .satisfies(e -> assertThat(((JuiceException) e.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThat(committer.committed()).isEqualTo(2);
  }

  @Test
  void every_submission_racing_with_close_is_completed_one_way_or_the_other() throws Exception {
    committer = new GroupCommitter<>("test-commit", 16, Long.MAX_VALUE, item -> 1, group -> { });
    List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(4);
    List<Thread> submitters = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        started.countDown();
        for (int i = 0; i < 2_000; i++) {
          acks.add(committer.submit(i));
        }
      });
      submitters.add(thread);
      thread.start();
    }
    started.await(TIMEOUT_S, TimeUnit.SECONDS);
    committer.close();
    for (Thread thread : submitters) {
      thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
    }
    assertThat(acks).hasSize(8_000).allMatch(CompletableFuture::isDone);
    long ok = acks.stream().filter(f -> !f.isCompletedExceptionally()).count();
    assertThat(ok).isEqualTo(committer.committed());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
