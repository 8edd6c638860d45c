package org.juicetokens.trust.attestation;

import com.google.protobuf.Message;
import io.vertx.core.Future;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.trust.identity.proto.IdentityStatus;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.util.function.Supplier;

/**
 * Where a community operation runs: on the home node of the identity that signs (the founder,
 * the proposer, the approving member), asked point-to-point like AttestationOperations does for
 * an attester. The signer must be an active verified identity.
 */
final class CommunityHome {
  private final String nodeId;
  private final AttestationCalls calls;

  CommunityHome(String nodeId, AttestationCalls calls) {
    this.nodeId = nodeId;
    this.calls = calls;
  }

  /** Runs {@code here} when {@code signerId} is homed on this node, else asks its home node at {@code suffix}. */
  <R extends Message> Future<R> route(String signerId, String role, String suffix, Message request, Class<R> type, Supplier<Future<R>> here) {
    return signer(signerId, role).compose(view -> {
      String home = view.getDocument().getHomeNode();
      return home.equals(nodeId) ? here.get() : calls.ask(Addresses.node(home, suffix), request, type);
    });
  }

  /** The signer, which must be active, verified and homed on this node (the home-side check). */
  Future<IdentityView> signerHere(String signerId, String role) {
    return signer(signerId, role).map(view -> {
      if (!view.getDocument().getHomeNode().equals(nodeId)) {
        throw new JuiceException(ErrorCode.PERMISSION_DENIED, role + " " + signerId + " is homed on " + view.getDocument().getHomeNode()
          + ", not on " + nodeId);
      }
      return view;
    });
  }

  private Future<IdentityView> signer(String id, String role) {
    if (id.isBlank()) {
      return Future.failedFuture(JuiceException.invalidArgument(role + " id is required"));
    }
    return calls.identity(id).map(found -> {
      IdentityView view = found.orElseThrow(() -> JuiceException.notFound("unknown " + role + " " + id));
      if (!view.getVerified() || view.getDocument().getStatus() != IdentityStatus.ACTIVE) {
        throw new JuiceException(ErrorCode.PERMISSION_DENIED, role + " " + id + " is not an active verified identity");
      }
      return view;
    });
  }
}
