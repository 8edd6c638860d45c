package org.juicetokens.node;

import org.juicetokens.api.v1.TrustServiceGrpcClient;
import org.juicetokens.token.creation.Balances;
import org.juicetokens.trust.attestation.proto.AttestationList;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;
import org.juicetokens.trust.attestation.proto.Reputation;
import org.juicetokens.trust.attestation.proto.ReputationRequest;
import org.juicetokens.trust.attestation.proto.RevokeAttestationRequest;
import org.juicetokens.trust.attestation.proto.SystemAttestationView;
import org.juicetokens.trust.attestation.proto.TrustAnswer;
import org.juicetokens.trust.attestation.proto.TrustRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code bin/juice attest create|revoke|list|reputation|trust|community}: the TrustService over gRPC (see {@link ApiClient}). */
@Command(name = "attest", mixinStandardHelpOptions = true,
  description = "Create, revoke and list attestations; show a reputation or a propagated trust; community attestations.",
  subcommands = {AttestCommand.Create.class, AttestCommand.Revoke.class, AttestCommand.ListAll.class, AttestCommand.ReputationOf.class,
    AttestCommand.TrustOf.class, AttestCommunityCommand.class})
final class AttestCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static String line(AttestationView v) {
    var a = v.getAttestation();
    return String.format("%s %s -> %s %s strength %d: %s", a.getId(), a.getAttesterId(), a.getSubjectId(), a.getType(), a.getStrength(),
      v.getValid() ? "valid" : "INVALID (" + v.getReason() + ")");
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Attest: --attester ID --subject ID --type T --strength 0-100.")
  static final class Create implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Option(names = "--attester", required = true, description = "attester identity id (signs on its home node)")
    String attester;
    @Mixin
    StatementOptions statement;
    @Option(names = "--valid-until-ms", defaultValue = "0", description = "end of validity, epoch ms (0 = none)")
    long validUntilMs;

    @Override
    public Integer call() {
      CreateAttestationRequest request = CreateAttestationRequest.newBuilder().setAttesterId(attester).setSubjectId(statement.subject)
        .setType(statement.type).setStrength(statement.strength).setContent(statement.content).setValidUntilMs(validUntilMs).build();
      return client.call(TrustServiceGrpcClient.CreateAttestation, request, true, (AttestationView v) -> "created " + line(v));
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an attestation (signed by its attester).")
  static final class Revoke implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "ATTESTATION_ID")
    String id;
    @Option(names = "--reason", defaultValue = "", description = "why")
    String reason;

    @Override
    public Integer call() {
      return client.call(TrustServiceGrpcClient.RevokeAttestation, RevokeAttestationRequest.newBuilder().setAttestationId(id)
        .setReason(reason).build(), true, (AttestationView v) -> "revoked " + line(v));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The attestations about an identity, each verified.")
  static final class ListAll implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "SUBJECT_ID")
    String subject;

    @Override
    public Integer call() {
      return client.call(TrustServiceGrpcClient.ListAttestations, ListAttestationsRequest.newBuilder().setSubjectId(subject).build(), false,
        (AttestationList l) -> l.getAttestationsCount() + " attestation(s)"
          + l.getAttestationsList().stream().map(v -> "\n  " + line(v)).collect(Collectors.joining())
          + l.getCommunityList().stream().map(v -> "\n  community " + AttestCommunityCommand.line(v)).collect(Collectors.joining())
          + "\n" + l.getSystemCount() + " system attestation(s)"
          + l.getSystemList().stream().map(v -> "\n  " + systemLine(v)).collect(Collectors.joining()));
    }
  }

  @Command(name = "reputation", mixinStandardHelpOptions = true, description = "An identity's reputation score (0-1) and trust level.")
  static final class ReputationOf implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      return client.call(TrustServiceGrpcClient.GetReputation, ReputationRequest.newBuilder().setIdentityId(id).build(), false,
        (Reputation r) -> String.format("%s: score %.3f, level %s, reliability %.3f (%d valid, %d invalid attestations, %d completed transfers)",
          r.getIdentityId(), r.getScore(), r.getLevel(), r.getReliability(), r.getValidAttestations(), r.getInvalidAttestations(),
          r.getCompletedTransfers()));
    }
  }

  /** One system attestation: the exchange, the side, the amount, the attesting node and the verdict. */
  static String systemLine(SystemAttestationView v) {
    var a = v.getAttestation();
    return String.format("%s %s %s -> %s %s by node %s: %s", a.getTxId(), a.getRole(), a.getPayerId(), a.getPayeeId(),
      Balances.format(a.getAmountHundredths()), v.getRecord().getNodeId(), v.getValid() ? "valid" : "INVALID (" + v.getReason() + ")");
  }

  @Command(name = "trust", mixinStandardHelpOptions = true, description = "The trust --from places in --to along attestations.")
  static final class TrustOf implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Option(names = "--from", required = true, description = "the identity that trusts")
    String from;
    @Option(names = "--to", required = true, description = "the identity trusted")
    String to;
    @Option(names = "--max-depth", defaultValue = "0", description = "longest path (0 = the node's trust.maxDepth; never more)")
    int maxDepth;

    @Override
    public Integer call() {
      return client.call(TrustServiceGrpcClient.GetTrust, TrustRequest.newBuilder().setFromId(from).setToId(to).setMaxDepth(maxDepth).build(),
        false, (TrustAnswer t) -> String.format("%s -> %s: %s at depth %d (looked up to %d)%s", t.getFromId(), t.getToId(), t.getLevel(),
          t.getDepth(), t.getMaxDepth(), t.getPathCount() == 0 ? "" : ", path " + String.join(" -> ", t.getPathList())));
    }
  }
}
