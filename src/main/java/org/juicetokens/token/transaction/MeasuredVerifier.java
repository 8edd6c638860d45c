package org.juicetokens.token.transaction;

import org.juicetokens.governance.metrics.Instrumented;
import org.juicetokens.governance.metrics.Layer;
import org.juicetokens.token.transaction.proto.Packet;

/**
 * A {@link PacketVerifier} whose every check is recorded (operation transaction/verifyPacket):
 * packets are verified on the transaction verticle's event loop (the engine is single-threaded),
 * so the figure shows how long a big packet holds that loop.
 */
final class MeasuredVerifier implements PacketVerifier {
  private final PacketVerifier inner;
  private final Instrumented instrumented;

  MeasuredVerifier(PacketVerifier inner, Instrumented instrumented) {
    this.inner = inner;
    this.instrumented = instrumented;
  }

  @Override
  public String problem(Packet packet, String txId, byte[] fromKey, byte[] toKey) {
    long start = System.nanoTime();
    String problem = inner.problem(packet, txId, fromKey, toKey);
    instrumented.recordSync(Layer.TRANSACTION, "verifyPacket", problem == null, problem == null ? null : "INVALID_ARGUMENT",
      System.nanoTime() - start, "tx=" + txId + " kind=" + packet.getKind() + " tokens=" + packet.getTokensCount());
    return problem;
  }
}
