package org.juicetokens.node;

import org.juicetokens.api.v1.ChainServiceGrpcClient;
import org.juicetokens.trust.chain.proto.ChainEntryView;
import org.juicetokens.trust.chain.proto.ChainGetRequest;
import org.juicetokens.trust.chain.proto.ChainPage;
import org.juicetokens.trust.chain.proto.ChainVerdict;
import org.juicetokens.trust.chain.proto.ChainVerifyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code bin/juice chain show|verify <id>}: an identity's personal chain over gRPC (see {@link ApiClient} for options and exit codes). */
@Command(name = "chain", mixinStandardHelpOptions = true, description = "Show and verify an identity's personal chain over gRPC.",
  subcommands = {ChainCommand.Show.class, ChainCommand.Verify.class})
final class ChainCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static String line(ChainEntryView e) {
    return String.format("%6d  %-20s %s  key %d  hash %s  payload %s", e.getSequence(), e.getType(), Instant.ofEpochMilli(e.getTimestampMs()),
      e.getKeyIndex(), e.getHash().substring(0, Math.min(16, e.getHash().length())), e.getPayloadHash().substring(0, Math.min(16, e.getPayloadHash().length())));
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "List the entries of an identity's chain (from its home node).")
  static final class Show implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "IDENTITY_ID")
    String id;
    @Option(names = "--limit", defaultValue = "0", description = "most entries (0 = chain.pageLimit of the node)")
    int limit;
    @Option(names = "--from", defaultValue = "1", description = "first sequence (default ${DEFAULT-VALUE})")
    long from;

    @Override
    public Integer call() {
      ChainGetRequest request = ChainGetRequest.newBuilder().setIdentityId(id).setLimit(limit).setFromSequence(from).build();
      return client.call(ChainServiceGrpcClient.GetChain, request, false, (ChainPage p) -> "chain of " + id + ": head "
        + p.getHead().getSequence() + (p.getTruncated() ? " (more after these; use --from)" : "") + "\n"
        + p.getEntriesList().stream().map(ChainCommand::line).collect(Collectors.joining("\n")));
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify an identity's chain on its home node (exit 1 when broken).")
  static final class Verify implements Callable<Integer> {
    @Mixin
    ApiClient client;
    @Parameters(index = "0", paramLabel = "IDENTITY_ID")
    String id;

    @Override
    public Integer call() {
      return client.run(vertx -> {
        ChainVerdict verdict = client.call(vertx, ChainServiceGrpcClient.VerifyChain, ChainVerifyRequest.newBuilder().setIdentityId(id).build(), false);
        if (client.json) {
          client.print(verdict);
        } else {
          client.out.println(verdict.getValid() ? "valid, length " + verdict.getLength()
            : "BROKEN at sequence " + verdict.getFirstBrokenSequence() + " (" + verdict.getLength() + " valid before): " + verdict.getReason());
        }
        return verdict.getValid() ? ApiClient.EXIT_OK : ApiClient.EXIT_REFUSED;
      });
    }
  }
}
