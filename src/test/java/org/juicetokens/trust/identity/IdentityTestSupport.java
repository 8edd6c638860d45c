package org.juicetokens.trust.identity;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import org.juicetokens.api.v1.Challenge;
import org.juicetokens.api.v1.ChallengeRequest;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.Proof;
import org.juicetokens.api.v1.ProofVerdict;
import org.juicetokens.api.v1.ProveRequest;
import org.juicetokens.api.v1.RevokeIdentityRequest;
import org.juicetokens.api.v1.RotateKeyRequest;
import org.juicetokens.api.v1.VerifyProofRequest;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.trust.identity.proto.IdentityLookup;
import org.juicetokens.trust.identity.proto.IdentitySignRequest;
import org.juicetokens.trust.identity.proto.IdentitySignature;
import org.juicetokens.trust.identity.proto.IdentityView;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Nodes for identity tests and the bus calls the tests make (each with a generous timeout). */
final class IdentityTestSupport {
  static final long TIMEOUT_MS = 20_000;

  private IdentityTestSupport() {
  }

  /** Starts {@code ids.size()} clustered nodes (see {@link InJvmClusters#startCluster}). */
  static List<JuiceNode> startCluster(Path tmp, List<String> ids, Map<String, String> extra) throws Exception {
    return InJvmClusters.startCluster(tmp, ids, extra);
  }

  static Map<String, String> settings(Path tmp, String id, String cluster, int port, String members, Map<String, String> extra) {
    return InJvmClusters.settings(tmp, id, cluster, port, members, extra);
  }

  static JuiceNode start(Map<String, String> settings) throws Exception {
    return InJvmClusters.start(settings);
  }

  static void closeAll(List<JuiceNode> nodes) throws Exception {
    InJvmClusters.closeAll(nodes);
  }

  static <R extends Message> R ask(JuiceNode node, String address, Message request, Class<R> type) throws Exception {
    return Bus.request(node.vertx().eventBus(), address, request, TIMEOUT_MS, type).await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
  }

  /** The error code of a request that must fail. */
  static ErrorCode failure(JuiceNode node, String address, Message request) {
    return failureOf(node, address, request).code();
  }

  static org.juicetokens.common.JuiceException failureOf(JuiceNode node, String address, Message request) {
    try {
      Message answer = Bus.request(node.vertx().eventBus(), address, request, TIMEOUT_MS, Message.class)
        .await(TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
      throw new AssertionError(address + " succeeded: " + answer);
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      return Errors.toJuice(e);
    }
  }

  static IdentityView create(JuiceNode node, String name) throws Exception {
    return ask(node, Addresses.IDENTITY_CREATE, CreateIdentityRequest.newBuilder().setDisplayName(name).build(), IdentityView.class);
  }

  static IdentityView get(JuiceNode node, String id) throws Exception {
    return ask(node, Addresses.IDENTITY_GET, IdentityLookup.newBuilder().setIdentityId(id).build(), IdentityView.class);
  }

  static IdentitySignature sign(JuiceNode node, String id, byte[] data) throws Exception {
    return ask(node, Addresses.IDENTITY_SIGN, IdentitySignRequest.newBuilder().setIdentityId(id).setPurpose("test")
      .setData(ByteString.copyFrom(data)).build(), IdentitySignature.class);
  }

  static IdentityView rotate(JuiceNode node, String id, long sequence) throws Exception {
    return ask(node, Addresses.IDENTITY_ROTATE, RotateKeyRequest.newBuilder().setId(id).setExpectedSequence(sequence).build(), IdentityView.class);
  }

  static IdentityView revoke(JuiceNode node, String id, long sequence) throws Exception {
    return ask(node, Addresses.IDENTITY_REVOKE, RevokeIdentityRequest.newBuilder().setId(id).setExpectedSequence(sequence)
      .setReason("test").build(), IdentityView.class);
  }

  static Challenge challenge(JuiceNode node, String id) throws Exception {
    return ask(node, Addresses.IDENTITY_CHALLENGE, ChallengeRequest.newBuilder().setId(id).build(), Challenge.class);
  }

  static Proof prove(JuiceNode node, String id, ByteString challenge) throws Exception {
    return ask(node, Addresses.IDENTITY_PROVE, ProveRequest.newBuilder().setId(id).setChallenge(challenge).build(), Proof.class);
  }

  static ProofVerdict verifyProof(JuiceNode node, Proof proof) throws Exception {
    return ask(node, Addresses.IDENTITY_VERIFY_PROOF, VerifyProofRequest.newBuilder().setId(proof.getId()).setChallenge(proof.getChallenge())
      .setSignature(proof.getSignature()).build(), ProofVerdict.class);
  }
}
