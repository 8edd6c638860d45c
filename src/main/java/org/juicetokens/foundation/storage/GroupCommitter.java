package org.juicetokens.foundation.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * Group commit: many concurrent durable writes share one fsync. Submitters queue their write and
 * get a future; one dedicated thread (never an event loop) takes what has queued up (at most
 * {@code maxWrites} items, stopping once {@code maxGroupBytes} is reached), hands the whole group
 * to the {@link GroupWriter} (which writes it and syncs once), then completes every future of
 * the group. While one group is being synced, the next one queues up: the busier the store, the
 * more writes each fsync carries.
 *
 * <p>Futures complete on the commit thread: dependent stages must be short (Vert.x callers hop
 * back to their context with {@code Future.fromCompletionStage(stage, context)}).
 */
public final class GroupCommitter<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  /** Writes a group and makes it durable with one sync; a throw fails the whole group. */
  @FunctionalInterface
  public interface GroupWriter<T> {
    void writeAndSync(List<T> group);
  }

  private record Pending<T>(T item, CompletableFuture<Void> done) {
  }

  private final Pending<T> stop = new Pending<>(null, new CompletableFuture<>());
  private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LongAdder syncs = new LongAdder();
  private final LongAdder committed = new LongAdder();
  private final int maxWrites;
  private final long maxGroupBytes;
  private final ToLongFunction<T> sizeOf;
  private final GroupWriter<T> writer;
  private final Thread thread;

  public GroupCommitter(String threadName, int maxWrites, long maxGroupBytes, ToLongFunction<T> sizeOf, GroupWriter<T> writer) {
    if (maxWrites <= 0 || maxGroupBytes <= 0) {
      throw new IllegalArgumentException("maxWrites and maxGroupBytes must be > 0");
    }
    this.maxWrites = maxWrites;
    this.maxGroupBytes = maxGroupBytes;
    this.sizeOf = sizeOf;
    this.writer = writer;
    this.thread = new Thread(this::run, threadName);
    // a daemon: acknowledged writes are already on disk, so the JVM need not wait for this thread
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues {@code item}; the future completes once it is durable, or fails with the group's error. */
  public CompletableFuture<Void> submit(T item) {
    Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
    if (closed.get()) {
      pending.done.completeExceptionally(RocksErrors.storeClosed());
      return pending.done;
    }
    queue.add(pending);
    // close() may have drained the queue between the check above and the add: whoever removes
    // the item (this thread here, or the commit thread / close() there) completes it, exactly once
    if (closed.get() && queue.remove(pending)) {
      pending.done.completeExceptionally(RocksErrors.storeClosed());
    }
    return pending.done;
  }

  /** Groups committed, i.e. syncs performed. */
  public long syncs() {
    return syncs.sum();
  }

  /** Items acknowledged after a sync. */
  public long committed() {
    return committed.sum();
  }

  /** Items waiting for the next group. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<Pending<T>> group = new ArrayList<>(Math.min(maxWrites, 1024));
    boolean stopping = false;
    while (!stopping) {
      Pending<T> first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        // nobody interrupts this thread but close(); the queue is drained there
        Thread.currentThread().interrupt();
        return;
      }
      if (first == stop) {
        return;
      }
      group.add(first);
      long bytes = sizeOf.applyAsLong(first.item);
      while (group.size() < maxWrites && bytes < maxGroupBytes) {
        Pending<T> next = queue.poll();
        if (next == null) {
          break;
        }
        if (next == stop) {
          stopping = true;
          break;
        }
        group.add(next);
        bytes += sizeOf.applyAsLong(next.item);
      }
      commit(group);
      group.clear();
    }
  }

  private void commit(List<Pending<T>> group) {
    List<T> items = new ArrayList<>(group.size());
    group.forEach(p -> items.add(p.item));
    try {
      writer.writeAndSync(items);
    } catch (Throwable failure) {
      // the thread must outlive any one failed group: the next group may well succeed
      LOG.warn("[Storage] group commit of {} write(s) failed: {}", items.size(), failure.toString());
      group.forEach(p -> p.done.completeExceptionally(failure));
      return;
    }
    syncs.increment();
    committed.add(group.size());
    group.forEach(p -> p.done.complete(null));
  }

  /**
   * Stops taking writes, commits what was queued before, then fails anything that arrived
   * after with UNAVAILABLE. Returns once the commit thread has ended.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    queue.add(stop);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    Pending<T> left;
    while ((left = queue.poll()) != null) {
      if (left != stop) {
        left.done.completeExceptionally(RocksErrors.storeClosed());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
