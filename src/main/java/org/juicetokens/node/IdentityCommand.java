package org.juicetokens.node;

import io.vertx.core.Vertx;
import org.juicetokens.api.v1.CreateIdentityRequest;
import org.juicetokens.api.v1.IdentityReply;
import org.juicetokens.api.v1.IdentityRequest;
import org.juicetokens.api.v1.IdentityServiceGrpcClient;
import org.juicetokens.api.v1.RevokeIdentityRequest;
import org.juicetokens.api.v1.RotateKeyRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code bin/juice identity create|show|rotate|revoke}: the node's IdentityService over gRPC.
 * Human lines by default, {@code --json} for proto3 JSON; see {@link ApiClient} for the exit codes.
 */
@Command(name = "identity", mixinStandardHelpOptions = true, description = "Create, show, rotate or revoke identities over gRPC.",
  subcommands = {IdentityCommand.Create.class, IdentityCommand.Show.class, IdentityCommand.Rotate.class, IdentityCommand.Revoke.class})
final class IdentityCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("name a subcommand: create, show, rotate or revoke (see --help)");
    return ApiClient.EXIT_USAGE;
  }

  static void show(ApiClient c, IdentityReply r) {
    if (c.json) {
      c.print(r);
      return;
    }
    c.out.printf("identity %s%n", r.getId());
    c.out.printf("  name       %s%n", r.getDisplayName());
    c.out.printf("  status     %s%s%n", r.getStatus(), r.getRevocationReason().isEmpty() ? "" : " (" + r.getRevocationReason() + ")");
    c.out.printf("  sequence   %d%n", r.getSequence());
    c.out.printf("  home node  %s%n", r.getHomeNode());
    c.out.printf("  created    %s%n", Instant.ofEpochMilli(r.getCreatedAtMs()));
    c.out.printf("  active key %d: %s%n", r.getActiveKey(), r.getPublicKey());
    c.out.printf("  keys       %d (oldest first)%n", r.getPublicKeysCount());
    c.out.printf("  verified   %s%n", r.getVerified());
  }

  /** The sequence an update replaces: the one given, else the document's current one (read first). */
  static long expectedSequence(ApiClient c, Vertx vertx, String id, Long given) throws ApiClient.Failed {
    return given != null ? given
      : c.call(vertx, IdentityServiceGrpcClient.GetIdentity, IdentityRequest.newBuilder().setId(id).build(), false).getSequence();
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an identity homed on the node.")
  static final class Create implements Callable<Integer> {
    @Mixin
    ApiClient c = new ApiClient();
    @Option(names = "--name", required = true, description = "display name (1-64 characters)")
    String name;

    @Override
    public Integer call() {
      return c.run(vertx -> {
        show(c, c.call(vertx, IdentityServiceGrpcClient.CreateIdentity, CreateIdentityRequest.newBuilder().setDisplayName(name).build()));
        return ApiClient.EXIT_OK;
      });
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an identity's current document (verified by the node).")
  static final class Show implements Callable<Integer> {
    @Mixin
    ApiClient c = new ApiClient();
    @Parameters(index = "0", paramLabel = "ID", description = "identity id (40 hex characters)")
    String id;

    @Override
    public Integer call() {
      return c.run(vertx -> {
        show(c, c.call(vertx, IdentityServiceGrpcClient.GetIdentity, IdentityRequest.newBuilder().setId(id).build(), false));
        return ApiClient.EXIT_OK;
      });
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true, description = "Rotate an identity's key (new key signed by the old one).")
  static final class Rotate implements Callable<Integer> {
    @Mixin
    ApiClient c = new ApiClient();
    @Parameters(index = "0", paramLabel = "ID", description = "identity id")
    String id;
    @Option(names = "--sequence", description = "the document sequence being replaced (default: read the current one)")
    Long sequence;

    @Override
    public Integer call() {
      return c.run(vertx -> {
        long expected = expectedSequence(c, vertx, id, sequence);
        show(c, c.call(vertx, IdentityServiceGrpcClient.RotateKey, RotateKeyRequest.newBuilder().setId(id).setExpectedSequence(expected).build()));
        return ApiClient.EXIT_OK;
      });
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an identity (it signs nothing more).")
  static final class Revoke implements Callable<Integer> {
    @Mixin
    ApiClient c = new ApiClient();
    @Parameters(index = "0", paramLabel = "ID", description = "identity id")
    String id;
    @Option(names = "--reason", defaultValue = "", description = "why (kept in the document)")
    String reason;
    @Option(names = "--sequence", description = "the document sequence being replaced (default: read the current one)")
    Long sequence;

    @Override
    public Integer call() {
      return c.run(vertx -> {
        long expected = expectedSequence(c, vertx, id, sequence);
        show(c, c.call(vertx, IdentityServiceGrpcClient.RevokeIdentity, RevokeIdentityRequest.newBuilder().setId(id)
          .setExpectedSequence(expected).setReason(reason).build()));
        return ApiClient.EXIT_OK;
      });
    }
  }
}
