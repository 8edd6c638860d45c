package org.juicetokens.token.transaction;

import org.juicetokens.token.transaction.proto.Packet;

/**
 * Checks an exo packet received from the other party: every token's telomere is valid and ends in
 * a provisional link of this tx, signed by {@code fromKey} (the sender, its current owner) for
 * {@code toKey} (us). Pure (the certificates of earlier links are fetched beforehand). The real
 * one is {@link TelomerePacketVerifier}.
 */
@FunctionalInterface
public interface PacketVerifier {
  /** Null when the packet is acceptable, else why not (for the Reject / the log). */
  String problem(Packet packet, String txId, byte[] fromKey, byte[] toKey);
}
