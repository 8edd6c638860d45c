package org.juicetokens.node;

import io.vertx.core.Vertx;
import org.juicetokens.loadgen.LoadDriver;
import org.juicetokens.loadgen.LoadOptions;
import org.juicetokens.loadgen.LoadReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/juice bench}: the load generator (org.juicetokens.loadgen) against a running cluster
 * through the gRPC API. Exit 0: the run ended and the audit is conserved; 1: the audit is not
 * conserved (or could not be read), or nothing committed; 2: bad options; 3: the setup failed
 * (a node unreachable or refusing to create/fund the identities).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
  description = "Load generator: drive a running cluster with a mix of operations; report throughput, latency, aborts, errors, audit.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--node", description = "host:port of a node, repeatable: identities (payers) are spread over them (default localhost:8080)")
  List<String> nodes;
  @Option(names = "--mix", defaultValue = "transfer=100", description = "operations and weights, e.g. transfer=80,mint=20 (transfer, mint, attest; default ${DEFAULT-VALUE})")
  String mix;
  @Option(names = "--concurrency", defaultValue = "4", description = "attempts in flight (default ${DEFAULT-VALUE})")
  int concurrency;
  @Option(names = "--duration", defaultValue = "0", description = "seconds to measure (default 30 unless --count)")
  int duration;
  @Option(names = "--count", defaultValue = "0", description = "attempts to measure, instead of --duration")
  long count;
  @Option(names = "--warmup", defaultValue = "0", description = "seconds of load before measuring (default ${DEFAULT-VALUE})")
  int warmup;
  @Option(names = "--identities", defaultValue = "0", description = "identities to create and fund first (default: 2 x concurrency)")
  int identities;
  @Option(names = "--tokens", defaultValue = "50", description = "tokens of 10 minted to each identity before a run with transfers (default ${DEFAULT-VALUE})")
  int tokens;
  @Option(names = "--mint-count", defaultValue = "1", description = "tokens per mint operation (default ${DEFAULT-VALUE})")
  int mintCount;
  @Option(names = "--rate", defaultValue = "0", description = "attempts started per second at most (default: as fast as --concurrency allows)")
  int rate;
  @Option(names = "--funded", defaultValue = "0", description = "fund only the first N identities (default: all)")
  int funded;
  @Option(names = "--timeout", defaultValue = "30", description = "seconds an attempt may take before it counts as an error (default ${DEFAULT-VALUE})")
  int timeout;
  @Option(names = "--token", defaultValue = "${env:JT_API_TOKEN}", description = "API token for the mutating calls (default: $JT_API_TOKEN)")
  String token;
  @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON to FILE")
  Path jsonFile;
  @Option(names = "--format", defaultValue = "text", description = "text (default) or json: the report on stdout")
  String format;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    LoadOptions options;
    try {
      if (!"text".equals(format) && !"json".equals(format)) {
        throw new IllegalArgumentException("bad --format '" + format + "': expected text or json");
      }
      options = LoadOptions.of(nodes, mix, concurrency, duration, count, warmup, identities, tokens, mintCount, timeout, token, rate, funded);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return ApiClient.EXIT_USAGE;
    }
    // with --format json, stdout carries only the report: progress goes to stderr
    PrintStream progress = "json".equals(format) ? err : out;
    Vertx vertx = Vertx.vertx();
    try {
      LoadReport report;
      try {
        report = new LoadDriver(vertx, options, progress).run().await();
      } catch (Exception e) {
        err.println("bench setup failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return ApiClient.EXIT_UNREACHABLE;
      }
      if ("json".equals(format)) {
        out.println(report.toJson().encodePrettily());
      } else {
        out.print(report.toText());
      }
      if (jsonFile != null) {
        try {
          Files.writeString(jsonFile, report.toJson().encodePrettily() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
          err.println("cannot write " + jsonFile + ": " + e.getMessage());
          return ApiClient.EXIT_REFUSED;
        }
      }
      return report.conserved() && report.toJson().getJsonObject("totals").getLong("committed") > 0
        ? ApiClient.EXIT_OK : ApiClient.EXIT_REFUSED;
    } finally {
      try {
        vertx.close().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        err.println("(closing the client took too long: " + e.getMessage() + ")");
      }
    }
  }
}
