package org.juicetokens.transport.discovery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * {@code discoverPeers(method, timeoutMs, maxResults)}: runs the sources of one method (or all,
 * for DISCOVERY_METHOD_UNSPECIFIED) side by side and collects their peers, without this node,
 * each peer once (by node id, else by pipe endpoint; a peer known by id replaces the same
 * endpoint found without one). It answers when every source is done, when {@code maxResults}
 * peers are in (both success), or when the timeout fires (what arrived so far, success = false).
 * Not thread-safe: sources must call back on the caller's context (a verticle's event loop).
 */
public final class PeerDiscovery {

  /** What one round found. {@code completed}: the methods whose source finished without error in time. */
  public record Outcome(List<PeerCandidate> peers, boolean success, List<String> errors, Set<DiscoveryMethod> completed,
                        Set<DiscoveryMethod> asked) {
  }

  private final Map<DiscoveryMethod, PeerSource> sources = new LinkedHashMap<>();
  private final SelfCheck self;
  private final LongFunction<Future<Void>> timer;

  /** @param timer a future completing after the given milliseconds (a Vert.x timer on the caller's context) */
  public PeerDiscovery(List<PeerSource> sources, SelfCheck self, LongFunction<Future<Void>> timer) {
    sources.forEach(s -> this.sources.put(s.method(), s));
    this.self = self;
    this.timer = timer;
  }

  public Future<Outcome> discoverPeers(DiscoveryMethod method, long timeoutMs, int maxResults) {
    if (timeoutMs <= 0) {
      return Future.failedFuture(new IllegalArgumentException("timeoutMs must be > 0, got " + timeoutMs));
    }
    if (maxResults < 0) {
      return Future.failedFuture(new IllegalArgumentException("maxResults must be >= 0 (0 = no limit), got " + maxResults));
    }
    if (method == DiscoveryMethod.UNRECOGNIZED) {
      return Future.failedFuture(new IllegalArgumentException("unknown discovery method"));
    }
    Set<DiscoveryMethod> asked = EnumSet.noneOf(DiscoveryMethod.class);
    if (method == DiscoveryMethod.DISCOVERY_METHOD_UNSPECIFIED) {
      asked.addAll(sources.keySet());
    } else {
      asked.add(method);
    }
    return new Round(asked, maxResults).run(timeoutMs);
  }

  private final class Round {
    private final Set<DiscoveryMethod> asked;
    private final int maxResults;
    private final List<PeerCandidate> peers = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final Set<DiscoveryMethod> completed = EnumSet.noneOf(DiscoveryMethod.class);
    private final Promise<Outcome> result = Promise.promise();
    private int pending;

    Round(Set<DiscoveryMethod> asked, int maxResults) {
      this.asked = asked;
      this.maxResults = maxResults;
    }

    Future<Outcome> run(long timeoutMs) {
      List<PeerSource> running = asked.stream().map(sources::get).filter(s -> s != null).toList();
      pending = running.size();
      if (pending == 0) {
        asked.forEach(completed::add);
        finish(true);
        return result.future();
      }
      timer.apply(timeoutMs).onComplete(fired -> {
        if (!result.future().isComplete()) {
          asked.stream().filter(m -> !completed.contains(m) && sources.containsKey(m) && !failedAlready(m))
            .forEach(m -> errors.add(m + ": no answer within " + timeoutMs + " ms"));
          finish(false);
        }
      });
      for (PeerSource source : running) {
        Future<Void> done;
        try {
          done = source.find(this::offer);
        } catch (RuntimeException e) {
          done = Future.failedFuture(e);
        }
        done.onComplete(ar -> {
          if (result.future().isComplete()) {
            return;
          }
          if (ar.succeeded()) {
            completed.add(source.method());
          } else {
            errors.add(source.method() + ": " + ar.cause().getMessage());
          }
          if (--pending == 0) {
            finish(errors.isEmpty());
          }
        });
      }
      return result.future();
    }

    private boolean failedAlready(DiscoveryMethod m) {
      return errors.stream().anyMatch(e -> e.startsWith(m + ":"));
    }

    private void offer(PeerCandidate candidate) {
      if (result.future().isComplete() || self.isSelf(candidate)) {
        return;
      }
      for (int i = 0; i < peers.size(); i++) {
        PeerCandidate known = peers.get(i);
        if (!candidate.nodeId().isEmpty() && candidate.nodeId().equals(known.nodeId())) {
          return;
        }
        if (candidate.pipeEndpoint().equals(known.pipeEndpoint())) {
          if (known.nodeId().isEmpty() && !candidate.nodeId().isEmpty()) {
            peers.set(i, candidate);
          }
          return;
        }
      }
      peers.add(candidate);
      if (maxResults > 0 && peers.size() >= maxResults) {
        finish(true);
      }
    }

    private void finish(boolean success) {
      result.tryComplete(new Outcome(List.copyOf(peers), success, List.copyOf(errors), Set.copyOf(completed), Set.copyOf(asked)));
    }
  }
}
