package org.juicetokens.token.transaction;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.juicetokens.token.transaction.proto.Packet;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps packet verification off the transaction verticle's event loop. Verifying a packet is
 * Ed25519 work (≈ 1.2 ms per token with a full tail: a 100-token packet would hold the loop
 * ≈ 120 ms), but the engine asks its verifier synchronously. So the shell first runs
 * {@link #precheck} on a worker pool for every Initiation/Preparation it receives, and only then
 * hands the message to the engine, whose call to {@link #problem} finds the verdict ready (the
 * same packet object: the engine checks the packet of the message it was given). A packet the
 * shell did not precheck (none should reach the engine) is verified inline, as before.
 * {@link #precheck} and {@link #problem} are called on the verticle's loop; only the inner
 * verification runs on the worker.
 */
final class PrecheckedVerifier implements PacketVerifier {
  private static final int MAX_VERDICTS = 256;

  private final PacketVerifier inner;
  private final WorkerExecutor workers;
  /** Verdicts waiting for the engine, by packet object (identity: no deep hash of a big packet), oldest first. */
  private final Map<Ref, Verdict> ready = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Ref, Verdict> eldest) {
      return size() > MAX_VERDICTS;
    }
  };

  private record Ref(Packet packet) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Ref other && other.packet == packet;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(packet);
    }
  }

  private record Verdict(String txId, byte[] fromKey, byte[] toKey, String problem) {
    boolean answers(String tx, byte[] from, byte[] to) {
      return txId.equals(tx) && Arrays.equals(fromKey, from) && Arrays.equals(toKey, to);
    }
  }

  PrecheckedVerifier(PacketVerifier inner, WorkerExecutor workers) {
    this.inner = inner;
    this.workers = workers;
  }

  /** Verifies {@code packet} on the worker pool; completes (on the caller's context) once the verdict is ready. */
  Future<Void> precheck(Packet packet, String txId, byte[] fromKey, byte[] toKey) {
    return workers.executeBlocking(() -> inner.problem(packet, txId, fromKey, toKey), false)
      .map(problem -> {
        ready.put(new Ref(packet), new Verdict(txId, fromKey.clone(), toKey.clone(), problem));
        return (Void) null;
      })
      .otherwiseEmpty();
  }

  @Override
  public String problem(Packet packet, String txId, byte[] fromKey, byte[] toKey) {
    Verdict verdict = ready.remove(new Ref(packet));
    if (verdict != null && verdict.answers(txId, fromKey, toKey)) {
      return verdict.problem();
    }
    return inner.problem(packet, txId, fromKey, toKey);
  }

  int waiting() {
    return ready.size();
  }
}
