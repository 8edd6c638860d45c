package org.juicetokens.extension.runtime.testext;

import org.juicetokens.extension.spi.HookEvent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Where the test extensions (built by the runtime with their no-argument constructor) leave what they saw. */
public final class TestSinks {
  public static final Map<String, List<HookEvent>> EVENTS = new ConcurrentHashMap<>();
  public static final Map<String, List<String>> NOTES = new ConcurrentHashMap<>();
  /** Released by the tests before their nodes close: BlockingExtension holds its thread until then. */
  public static final CountDownLatch RELEASE = new CountDownLatch(1);

  private TestSinks() {
  }

  public static void event(String extensionId, HookEvent event) {
    EVENTS.computeIfAbsent(extensionId, k -> new CopyOnWriteArrayList<>()).add(event);
  }

  public static void note(String extensionId, String note) {
    NOTES.computeIfAbsent(extensionId, k -> new CopyOnWriteArrayList<>()).add(note);
  }

  public static List<HookEvent> events(String extensionId) {
    return EVENTS.getOrDefault(extensionId, List.of());
  }

  public static List<String> notes(String extensionId) {
    return NOTES.getOrDefault(extensionId, List.of());
  }
}
