package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.Optional;

/**
 * What the other layers ask of the identity layer of their node (IDENTITY_GET, IDENTITY_SIGN), with the
 * node's request timeout, and the failures they all answer the same way: an unknown identity is
 * NOT_FOUND "unknown {role} {id}", an unverified document UNAUTHENTICATED, a status other than ACTIVE
 * PERMISSION_DENIED naming it.
 */
public final class IdentityClient {
  private final EventBus bus;
  private final long timeoutMs;

  public IdentityClient(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.timeoutMs = timeoutMs;
  }

  /** The identity, any status; NOT_FOUND "unknown {role} {id}" when there is none. */
  public Future<IdentityView> identity(String role, String id) {
    return Bus.request(bus, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build(), timeoutMs, IdentityView.class)
      .recover(failure -> Future.failedFuture(failure instanceof JuiceException je && je.code() == ErrorCode.NOT_FOUND
        ? JuiceException.notFound("unknown " + role + " " + id) : failure));
  }

  /** The identity, empty when there is none. */
  public Future<Optional<IdentityView>> find(String id) {
    return Bus.request(bus, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build(), timeoutMs, IdentityView.class)
      .map(Optional::of)
      .recover(f -> f instanceof JuiceException je && je.code() == ErrorCode.NOT_FOUND ? Future.succeededFuture(Optional.empty())
        : Future.failedFuture(f));
  }

  /** The verified, ACTIVE identity (see {@link #requireActive}). */
  public Future<IdentityView> activeIdentity(String role, String id) {
    return identity(role, id).map(view -> requireActive(role, id, view));
  }

  /** {@code view}, when verified and ACTIVE; else UNAUTHENTICATED or PERMISSION_DENIED with the status. */
  public static IdentityView requireActive(String role, String id, IdentityView view) {
    if (!view.getVerified()) {
      throw new JuiceException(ErrorCode.UNAUTHENTICATED, role + " " + id + " has an unverified identity document");
    }
    IdentityStatus status = view.getDocument().getStatus();
    if (status != IdentityStatus.ACTIVE) {
      throw new JuiceException(ErrorCode.PERMISSION_DENIED, role + " " + id + " is " + status);
    }
    return view;
  }

  /** Signs with the identity's active key on this node (only identities homed here). */
  public Future<IdentitySignature> sign(String identityId, String purpose, byte[] data) {
    return Bus.request(bus, Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId(identityId).setPurpose(purpose)
      .setData(ByteString.copyFrom(data)).build(), timeoutMs, IdentitySignature.class);
  }
}
