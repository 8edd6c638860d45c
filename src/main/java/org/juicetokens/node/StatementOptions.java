package org.juicetokens.node;

import picocli.CommandLine.Option;

/** What an attestation says, the same for a peer attestation and a community statement: picocli mixin. */
final class StatementOptions {
  @Option(names = "--subject", required = true, description = "subject identity id")
  String subject;
  @Option(names = "--type", required = true, description = "one of the node's attestation.types")
  String type;
  @Option(names = "--strength", required = true, description = "0-100")
  int strength;
  @Option(names = "--content", defaultValue = "", description = "free text")
  String content;
}
