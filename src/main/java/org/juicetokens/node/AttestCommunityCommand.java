package org.juicetokens.node;

import org.juicetokens.api.v1.TrustServiceGrpcClient;
import org.juicetokens.trust.attestation.proto.ApproveCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.CommunityAttestationView;
import org.juicetokens.trust.attestation.proto.GetCommunityAttestationRequest;
import org.juicetokens.trust.attestation.proto.ProposeCommunityAttestationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code bin/juice attest community propose|approve|show}: community attestations through the TrustService. */
@Command(name = "community", mixinStandardHelpOptions = true,
  description = "Community attestations: valid once enough distinct members approved.",
  subcommands = {AttestCommunityCommand.Propose.class, AttestCommunityCommand.Approve.class, AttestCommunityCommand.Show.class})
final class AttestCommunityCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static String line(CommunityAttestationView v) {
    var s = v.getStatement();
    return String.format("%s community %s -> %s %s strength %d, %d of %d approvals: %s", s.getId(), s.getCommunityId(), s.getSubjectId(),
      s.getType(), s.getStrength(), v.getApprovals(), v.getThreshold(), v.getValid() ? "valid" : "INVALID (" + v.getReason() + ")");
  }

  @Command(name = "propose", mixinStandardHelpOptions = true,
    description = "Propose (with the proposer's approval): --community ID --proposer ID --subject ID --type T --strength 0-100.")
  static final class Propose implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Option(names = "--community", required = true, description = "community id")
    String community;
    @Option(names = "--proposer", required = true, description = "member identity id (approves on its home node)")
    String proposer;
    @Mixin
    StatementOptions statement;

    @Override
    public Integer call() {
      ProposeCommunityAttestationRequest request = ProposeCommunityAttestationRequest.newBuilder().setCommunityId(community)
        .setProposerId(proposer).setSubjectId(statement.subject).setType(statement.type).setStrength(statement.strength)
        .setContent(statement.content).build();
      return client.call(TrustServiceGrpcClient.ProposeCommunityAttestation, request, true, (CommunityAttestationView v) -> "proposed " + line(v));
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a community attestation: ID --member ID.")
  static final class Approve implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "ATTESTATION_ID")
    String id;
    @Option(names = "--member", required = true, description = "member identity id (signs on its home node)")
    String member;

    @Override
    public Integer call() {
      return client.call(TrustServiceGrpcClient.ApproveCommunityAttestation, ApproveCommunityAttestationRequest.newBuilder()
        .setAttestationId(id).setMemberId(member).build(), true,
        (CommunityAttestationView v) -> (v.getAlreadyApproved() ? "already approved (not counted again) " : "approved ") + line(v));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "A community attestation, verified on this read.")
  static final class Show implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "ATTESTATION_ID")
    String id;

    @Override
    public Integer call() {
      return client.call(TrustServiceGrpcClient.GetCommunityAttestation, GetCommunityAttestationRequest.newBuilder().setAttestationId(id)
        .build(), false, (CommunityAttestationView v) -> line(v) + "\n  approved by: " + String.join(", ", v.getApproverIdsList()));
    }
  }
}
