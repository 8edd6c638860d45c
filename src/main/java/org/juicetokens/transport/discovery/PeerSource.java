package org.juicetokens.transport.discovery;

import io.vertx.core.Future;
import org.juicetokens.transport.discovery.proto.DiscoveryMethod;

import java.util.function.Consumer;

/**
 * One discovery method. {@link #find} hands each peer to {@code found} as soon as it is known
 * (so a round cut short by its timeout still keeps what arrived) and completes when the method
 * is done; it fails when the method could not run (the peers already handed over still count).
 * Callbacks arrive on the caller's context.
 */
public interface PeerSource {
  DiscoveryMethod method();

  Future<Void> find(Consumer<PeerCandidate> found);
}
