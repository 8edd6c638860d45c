package org.juicetokens.transport.pipe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The server's resumable sessions by resumption token: a token is valid {@code ttlMs} after
 * the session's last contact ({@link #touch}); at most {@code maxSessions} at once. Plain code,
 * owned by the pipe verticle's event loop.
 */
public final class SessionRegistry<S> {
  private final long ttlMs;
  private final int maxSessions;
  private final Map<String, Entry<S>> byToken = new HashMap<>();

  private static final class Entry<S> {
    final S session;
    long lastContactMs;

    Entry(S session, long lastContactMs) {
      this.session = session;
      this.lastContactMs = lastContactMs;
    }
  }

  public SessionRegistry(long ttlMs, int maxSessions) {
    this.ttlMs = ttlMs;
    this.maxSessions = maxSessions;
  }

  /** False when the registry is full (after dropping expired sessions). */
  public boolean add(String token, S session, long nowMs) {
    if (byToken.size() >= maxSessions) {
      expire(nowMs);
    }
    if (byToken.size() >= maxSessions) {
      return false;
    }
    byToken.put(token, new Entry<>(session, nowMs));
    return true;
  }

  /** The session of a valid token, or null (unknown, or expired: then it is forgotten). */
  public S resume(String token, long nowMs) {
    Entry<S> entry = byToken.get(token);
    if (entry == null) {
      return null;
    }
    if (nowMs - entry.lastContactMs > ttlMs) {
      byToken.remove(token);
      return null;
    }
    entry.lastContactMs = nowMs;
    return entry.session;
  }

  /** Records contact: the token stays valid {@code ttlMs} from now. */
  public void touch(String token, long nowMs) {
    Entry<S> entry = byToken.get(token);
    if (entry != null) {
      entry.lastContactMs = nowMs;
    }
  }

  public void remove(String token) {
    byToken.remove(token);
  }

  /** Forgets the sessions whose token expired and returns them. */
  public List<S> expire(long nowMs) {
    List<S> expired = new ArrayList<>();
    for (Iterator<Entry<S>> it = byToken.values().iterator(); it.hasNext(); ) {
      Entry<S> entry = it.next();
      if (nowMs - entry.lastContactMs > ttlMs) {
        expired.add(entry.session);
        it.remove();
      }
    }
    return expired;
  }

  public int size() {
    return byToken.size();
  }
}
