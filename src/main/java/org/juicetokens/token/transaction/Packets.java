package org.juicetokens.token.transaction;

import org.juicetokens.token.transaction.proto.Packet;
import org.juicetokens.token.transaction.proto.PacketKind;

/** The shape of an exo packet: its tx, its kind, and the whole units the plan says it is worth (0 = no packet). */
final class Packets {
  private Packets() {
  }

  /** Null when {@code packet} (null = absent) has the right shape, else why not. */
  static String problem(Packet packet, PacketKind kind, String txId, long expectedUnits) {
    if (expectedUnits == 0) {
      return packet == null || packet.getTokensCount() == 0 ? null : kind + " carries tokens where none were expected";
    }
    if (packet == null || packet.getTokensCount() == 0) {
      return "no " + kind + " packet where " + expectedUnits + " units were expected";
    }
    if (packet.getKind() != kind || !packet.getTxId().equals(txId)) {
      return "a packet of " + packet.getKind() + "/" + packet.getTxId() + " where " + kind + "/" + txId + " was expected";
    }
    long units = Exchange.units(packet.getTokensList());
    return units == expectedUnits ? null : kind + " is worth " + units + " units, " + expectedUnits + " expected";
  }
}
