package org.juicetokens.node;

import org.juicetokens.api.v1.TrustServiceGrpcClient;
import org.juicetokens.trust.attestation.proto.CommunityView;
import org.juicetokens.trust.attestation.proto.CreateCommunityRequest;
import org.juicetokens.trust.attestation.proto.GetCommunityRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code bin/juice community create|show}: community declarations through the TrustService (gRPC, see {@link ApiClient}). */
@Command(name = "community", mixinStandardHelpOptions = true, description = "Declare a community (founder-signed) or show one.",
  subcommands = {CommunityCommand.Create.class, CommunityCommand.Show.class})
final class CommunityCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static String line(CommunityView v) {
    var c = v.getCommunity();
    return String.format("%s '%s' founded by %s, %d members, threshold %d: %s", c.getId(), c.getName(), c.getFounderId(),
      c.getMemberIdsCount(), c.getThreshold(), v.getValid() ? "valid" : "INVALID (" + v.getReason() + ")");
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
    description = "Declare: --founder ID --name N --member ID (2 or more) --threshold K (distinct approvals a statement needs).")
  static final class Create implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Option(names = "--founder", required = true, description = "founder identity id (signs on its home node)")
    String founder;
    @Option(names = "--name", required = true, description = "community name")
    String name;
    @Option(names = "--member", required = true, description = "member identity id (repeat, or comma-separated)", split = ",")
    List<String> members;
    @Option(names = "--threshold", required = true, description = "1..members")
    int threshold;

    @Override
    public Integer call() {
      CreateCommunityRequest request = CreateCommunityRequest.newBuilder().setFounderId(founder).setName(name).addAllMemberIds(members)
        .setThreshold(threshold).build();
      return client.call(TrustServiceGrpcClient.CreateCommunity, request, true, (CommunityView v) -> "created " + line(v)
        + "\n  members: " + String.join(", ", v.getCommunity().getMemberIdsList()));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "A community, verified against its founder's keys.")
  static final class Show implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "COMMUNITY_ID")
    String id;

    @Override
    public Integer call() {
      return client.call(TrustServiceGrpcClient.GetCommunity, GetCommunityRequest.newBuilder().setCommunityId(id).build(), false,
        (CommunityView v) -> line(v) + "\n  members: " + String.join(", ", v.getCommunity().getMemberIdsList()));
    }
  }
}
