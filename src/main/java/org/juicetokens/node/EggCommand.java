package org.juicetokens.node;

import org.juicetokens.api.v1.CreateGenesisPoolRequest;
import org.juicetokens.api.v1.EggBatchReply;
import org.juicetokens.api.v1.EggServiceGrpcClient;
import org.juicetokens.api.v1.EggView;
import org.juicetokens.api.v1.FertilizeEggRequest;
import org.juicetokens.api.v1.GenerateEggsRequest;
import org.juicetokens.api.v1.GenesisPoolView;
import org.juicetokens.api.v1.GetEggRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code bin/juice egg pool-create|generate|fertilize|show}: the EggService over gRPC (see {@link ApiClient}). */
@Command(name = "egg", mixinStandardHelpOptions = true, description = "Genesis pools and eggs: create a pool, generate, fertilize, show.",
  subcommands = {EggCommand.PoolCreate.class, EggCommand.Generate.class, EggCommand.Fertilize.class, EggCommand.Show.class})
final class EggCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static String line(EggView e) {
    String next = e.getNextDeadlineMs() == 0 ? "" : ", next deadline " + java.time.Instant.ofEpochMilli(e.getNextDeadlineMs());
    return String.format("%s %s %d%%%s%s", e.getId(), e.getStage(), e.getCompletionPercent(), next,
      e.getTokenId().isEmpty() ? "" : ", token " + e.getTokenId());
  }

  @Command(name = "pool-create", mixinStandardHelpOptions = true, description = "A genesis pool of 3-12 identities (the first is the issuer).")
  static final class PoolCreate implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(arity = "1..*", paramLabel = "MEMBER_ID")
    List<String> members;

    @Override
    public Integer call() {
      return client.call(EggServiceGrpcClient.CreateGenesisPool, CreateGenesisPoolRequest.newBuilder().addAllMemberIds(members).build(), true,
        (GenesisPoolView p) -> "pool " + p.getPoolId() + " issuer " + p.getIssuerId() + ", " + p.getMemberIdsCount() + " members");
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true, description = "A batch of eggs for an owner.")
  static final class Generate implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Option(names = "--pool", required = true, description = "genesis pool id")
    String pool;
    @Option(names = "--reference", required = true, description = "batch reference (the tokens' REFERENCE)")
    String reference;
    @Option(names = "--denomination", required = true, description = "whole units of each hatched token")
    int denomination;
    @Option(names = "--count", required = true, description = "number of eggs")
    int count;
    @Option(names = "--owner", required = true, description = "owner identity id")
    String owner;

    @Override
    public Integer call() {
      GenerateEggsRequest request = GenerateEggsRequest.newBuilder().setPoolId(pool).setReference(reference).setDenomination(denomination)
        .setCount(count).setOwnerId(owner).build();
      return client.call(EggServiceGrpcClient.GenerateEggs, request, true, (EggBatchReply b) -> "batch " + b.getBatchId() + ": "
        + b.getEggsCount() + " egg(s)" + b.getEggsList().stream().map(e -> "\n  " + line(e)).collect(Collectors.joining()));
    }
  }

  @Command(name = "fertilize", mixinStandardHelpOptions = true, description = "Fertilize with a proof of activity: --tx ID or --attestation ID.")
  static final class Fertilize implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "EGG_ID")
    String id;
    @Option(names = "--tx", defaultValue = "", description = "a committed transaction of the owner")
    String tx;
    @Option(names = "--attestation", defaultValue = "", description = "a valid attestation about the owner")
    String attestation;

    @Override
    public Integer call() {
      return client.call(EggServiceGrpcClient.FertilizeEgg, FertilizeEggRequest.newBuilder().setId(id).setTransactionId(tx)
        .setAttestationId(attestation).build(), true, (EggView e) -> "fertilized " + line(e));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "An egg's stage, completion and next deadline.")
  static final class Show implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "EGG_ID")
    String id;

    @Override
    public Integer call() {
      return client.call(EggServiceGrpcClient.GetEgg, GetEggRequest.newBuilder().setId(id).build(), false, EggCommand::line);
    }
  }
}
