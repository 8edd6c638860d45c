package org.juicetokens.extension.examples;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The last {@code capacity} ids added, oldest forgotten first. Safe from any thread: an
 * extension's callbacks (a facade call's completion) need not run where its events do. Pure.
 */
final class RecentIds {
  private final int capacity;
  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private final Queue<String> order = new ConcurrentLinkedQueue<>();

  RecentIds(int capacity) {
    this.capacity = capacity;
  }

  /** True when {@code id} was not among the remembered ones (it is now). */
  boolean add(String id) {
    if (!ids.add(id)) {
      return false;
    }
    order.add(id);
    while (ids.size() > capacity) {
      String oldest = order.poll();
      if (oldest == null) {
        break;
      }
      ids.remove(oldest);
    }
    return true;
  }

  /** Forgets {@code id} (rare: a scan of the order queue). */
  void remove(String id) {
    order.remove(id);
    ids.remove(id);
  }
}
