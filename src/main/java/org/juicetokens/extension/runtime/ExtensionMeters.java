package org.juicetokens.extension.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import org.juicetokens.extension.spi.Hook;
import org.juicetokens.extension.spi.Permission;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-extension meters: juice_extension_invocations_total{extension,hook,outcome},
 * juice_extension_invocation_seconds{extension}, juice_extension_denied_total{extension,permission}.
 * The extension id is a label: extensions are a small set an operator chose to register, not
 * user data. Also keeps the figures {@link #usage} answers (they outlive a deactivation, so a
 * disabled extension still shows why). Thread-safe: invocations are counted on the host's context,
 * denials on the extension's.
 */
public final class ExtensionMeters {
  /** The outcome label of one event delivery. */
  public enum Outcome {
    OK("ok"), ERROR("error"), TIMEOUT("timeout"), REJECTED("rejected");

    private final String tag;

    Outcome(String tag) {
      this.tag = tag;
    }
  }

  private final MeterRegistry registry;
  private final Map<String, Figures> figures = new ConcurrentHashMap<>();

  public ExtensionMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  public void invoked(String extension, Hook hook, Outcome outcome, long nanos) {
    Counter.builder("juice.extension.invocations")
      .description("Hook events delivered to an extension, by outcome (ok, error, timeout, rejected while its breaker is open);"
        + " extension = an operator-registered extension id (a small set)")
      .tags("extension", extension, "hook", hook.wireName(), "outcome", outcome.tag).register(registry).increment();
    Figures f = figures(extension);
    f.count(outcome).increment();
    if (outcome != Outcome.REJECTED) {
      Timer.builder("juice.extension.invocation").description("Time an extension took to handle a hook event (cut at extension.callTimeoutMs);"
          + " extension = an operator-registered extension id (a small set)")
        .tag("extension", extension).register(registry).record(Duration.ofNanos(nanos));
      f.nanos.add(nanos);
      f.maxNanos.accumulateAndGet(nanos, Math::max);
    }
  }

  public void denied(String extension, Permission permission) {
    Counter.builder("juice.extension.denied")
      .description("Facade calls refused for a missing permission; extension = an operator-registered extension id (a small set)")
      .tags("extension", extension, "permission", permission.wireName()).register(registry).increment();
    figures(extension).denied.increment();
  }

  public void breakerOpened(String extension) {
    figures(extension).breakerOpens.incrementAndGet();
  }

  /** Breaker openings since the extension was last activated (the disable rule counts these). */
  public long breakerOpens(String extension) {
    return figures(extension).breakerOpens.get();
  }

  public void activated(String extension) {
    figures(extension).breakerOpens.set(0);
  }

  /** {invocations, ok, errors, timeouts, rejected, denied, meanMs, maxMs, breakerOpens}. */
  public JsonObject usage(String extension) {
    Figures f = figures(extension);
    long ok = f.ok.sum();
    long errors = f.errors.sum();
    long timeouts = f.timeouts.sum();
    long timed = ok + errors + timeouts;
    return new JsonObject().put("invocations", timed + f.rejected.sum()).put("ok", ok).put("errors", errors)
      .put("timeouts", timeouts).put("rejected", f.rejected.sum()).put("denied", f.denied.sum())
      .put("meanMs", timed == 0 ? 0.0 : f.nanos.sum() / 1e6 / timed).put("maxMs", f.maxNanos.get() / 1e6)
      .put("breakerOpens", f.breakerOpens.get());
  }

  private Figures figures(String extension) {
    return figures.computeIfAbsent(extension, e -> new Figures());
  }

  private static final class Figures {
    final LongAdder ok = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder denied = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final AtomicLong maxNanos = new AtomicLong();
    final AtomicLong breakerOpens = new AtomicLong();

    LongAdder count(Outcome outcome) {
      return switch (outcome) {
        case OK -> ok;
        case ERROR -> errors;
        case TIMEOUT -> timeouts;
        case REJECTED -> rejected;
      };
    }
  }
}
