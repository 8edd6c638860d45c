package org.juicetokens.node;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/juice}: the one entry point. Subcommands run a node or talk to one. */
@Command(name = "juice", mixinStandardHelpOptions = true, version = "juicetokens-node " + NodeVersion.VERSION,
  description = "JuiceTokens node: signed community-currency tokens, paid peer to peer.",
  subcommands = {NodeCommand.class, HealthCommand.class, PeersCommand.class, IdentityCommand.class, TokenCommand.class,
    TokenCommand.BalanceCommand.class, TransferCommand.class, TransferCommand.Audit.class, ChainCommand.class,
    AttestCommand.class, CommunityCommand.class, EggCommand.class, RenewCommand.class, RenewCommand.Notices.class,
    ExtCommand.class, BenchCommand.class, org.juicetokens.node.demo.DemoCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }
}
