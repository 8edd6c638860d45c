package org.juicetokens.transport.discovery;

import org.juicetokens.transport.discovery.proto.DiscoveryMethod;
import org.juicetokens.transport.discovery.proto.Peer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peers this node knows, kept fresh by discovery rounds. Each round is an attempt for every
 * peer whose method completed in it; a peer found is a sighting. Reliability is sightings /
 * attempts (0-1). A peer not seen for longer than the expiry is dropped. Not thread-safe: one
 * owner (the discovery verticle).
 */
public final class PeerTable {
  private static final class Entry {
    PeerCandidate peer;
    long lastSeenMs;
    long sightings;
    long attempts;

    Entry(PeerCandidate peer, long nowMs) {
      this.peer = peer;
      this.lastSeenMs = nowMs;
      this.sightings = 1;
      this.attempts = 1;
    }

    double reliability() {
      return attempts == 0 ? 0.0 : Math.min(1.0, (double) sightings / attempts);
    }
  }

  private final long expiryMs;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<DiscoveryMethod, Integer> lastFound = new EnumMap<>(DiscoveryMethod.class);

  public PeerTable(long expiryMs) {
    this.expiryMs = expiryMs;
  }

  /**
   * One discovery round: counts an attempt for the known peers of {@code completed} methods,
   * a sighting for each peer found, then drops the peers silent for longer than the expiry.
   *
   * @return the ids of the peers dropped
   */
  public List<String> round(Collection<PeerCandidate> found, Set<DiscoveryMethod> completed, Set<DiscoveryMethod> asked, long nowMs) {
    for (Entry e : entries.values()) {
      if (completed.contains(e.peer.method())) {
        e.attempts++;
      }
    }
    asked.forEach(m -> lastFound.put(m, 0));
    for (PeerCandidate c : found) {
      lastFound.merge(c.method(), 1, Integer::sum);
      Entry known = entries.get(c.key());
      if (known == null && c.nodeId().isEmpty()) {
        known = byEndpoint(c.pipeEndpoint());
      }
      if (known == null) {
        if (!c.nodeId().isEmpty()) {
          // the same peer seen before without its id (DNS, STATIC) now has one: one entry, by id
          Entry anonymous = entries.remove(c.pipeEndpoint());
          if (anonymous != null) {
            anonymous.peer = c;
            seen(anonymous, nowMs);
            entries.put(c.key(), anonymous);
            continue;
          }
        }
        entries.put(c.key(), new Entry(c, nowMs));
        continue;
      }
      if (!known.peer.nodeId().isEmpty() && c.nodeId().isEmpty()) {
        // keep the richer record (CLUSTER's), count the sighting
        seen(known, nowMs);
      } else {
        known.peer = c;
        seen(known, nowMs);
      }
    }
    return expire(nowMs);
  }

  private static void seen(Entry e, long nowMs) {
    e.sightings++;
    e.lastSeenMs = nowMs;
    // a peer found in a round whose method did not complete in time still counts once
    e.attempts = Math.max(e.attempts, e.sightings);
  }

  private Entry byEndpoint(String endpoint) {
    for (Entry e : entries.values()) {
      if (e.peer.pipeEndpoint().equals(endpoint)) {
        return e;
      }
    }
    return null;
  }

  /** Drops the peers not seen within the expiry; returns their ids. */
  public List<String> expire(long nowMs) {
    List<String> dropped = new ArrayList<>();
    for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Entry> e = it.next();
      if (nowMs - e.getValue().lastSeenMs > expiryMs) {
        dropped.add(e.getKey());
        it.remove();
      }
    }
    return dropped;
  }

  public List<Peer> peers() {
    return entries.values().stream()
      .map(e -> e.peer.toPeer(e.lastSeenMs, e.reliability()))
      .sorted(Comparator.comparing(Peer::getId))
      .toList();
  }

  public int size() {
    return entries.size();
  }

  /** Peers each method found in the latest round that asked it. */
  public Map<DiscoveryMethod, Integer> foundByMethod() {
    return Map.copyOf(lastFound);
  }

  /** Peers in the table by the method that found them. */
  public Map<DiscoveryMethod, Integer> activeByMethod() {
    Map<DiscoveryMethod, Integer> counts = new EnumMap<>(DiscoveryMethod.class);
    entries.values().forEach(e -> counts.merge(e.peer.method(), 1, Integer::sum));
    return counts;
  }
}
