package org.juicetokens.extension.runtime;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.TransferEvent;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.HookEvent;
import org.juicetokens.lifecycle.renewal.proto.RenewalEvent;
import org.juicetokens.token.proto.Token;
import org.juicetokens.trust.attestation.proto.AttestationEvent;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Turns the node's own events into hook events, once per cluster: a transfer side's state change
 * only on the node whose side changed (TransferEvent.node_id; every member receives every
 * TX_EVENTS publication), an attestation's creation (not its revocation) only on the attester's
 * home node that announced it, a renewal (not an expiry notice) only on the node that renewed. Data = the proto3 JSON of the layer's message.
 */
public final class HookEvents {
  private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

  private final String nodeId;
  private final LongSupplier clock;
  private final LongAdder printed = new LongAdder();

  public HookEvents(String nodeId, LongSupplier clock) {
    this.nodeId = nodeId;
    this.clock = clock;
  }

  public Optional<HookEvent> transfer(Object body) {
    if (body instanceof TransferEvent e && nodeId.equals(e.getNodeId())) {
      return Optional.of(event(Hook.TRANSACTION_STATE, e.getAtMs(), e));
    }
    return Optional.empty();
  }

  /** A creation announced by this node (the attester's home node announces it, AttestationEvents.of). */
  public Optional<HookEvent> attestation(Object body) {
    if (body instanceof AttestationEvent e && !e.getRevoked() && nodeId.equals(e.getAttesterHomeNode())) {
      return Optional.of(event(Hook.ATTESTATION_CREATED, 0, e));
    }
    return Optional.empty();
  }

  public Optional<HookEvent> renewal(Object body) {
    if (body instanceof RenewalEvent e && e.hasRenewal() && nodeId.equals(e.getNodeId())) {
      return Optional.of(event(Hook.RENEWAL_COMPLETED, 0, e.getRenewal()));
    }
    return Optional.empty();
  }

  public Optional<HookEvent> tokenCreated(Object body) {
    return body instanceof Token t ? Optional.of(event(Hook.TOKEN_CREATED, 0, t)) : Optional.empty();
  }

  public Optional<HookEvent> eggHatched(Object body) {
    return body instanceof EggView e ? Optional.of(event(Hook.EGG_HATCHED, 0, e)) : Optional.empty();
  }

  public Optional<HookEvent> healthChanged(Object body) {
    return body instanceof JsonObject json
      ? Optional.of(new HookEvent(Hook.HEALTH_CHANGED, clock.getAsLong(), nodeId, json.copy())) : Optional.empty();
  }

  private HookEvent event(Hook hook, long atMs, Message data) {
    printed.increment();
    return new HookEvent(hook, atMs > 0 ? atMs : clock.getAsLong(), nodeId, json(data));
  }

  /** Events printed as proto3 JSON so far (HookDispatcher converts only events some extension receives). */
  long printed() {
    return printed.sum();
  }

  static JsonObject json(Message message) {
    try {
      return new JsonObject(JSON.print(message));
    } catch (InvalidProtocolBufferException e) {
      // only Any fields without a type registry fail to print; the layers' events have none
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
