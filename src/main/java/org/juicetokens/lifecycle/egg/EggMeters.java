package org.juicetokens.lifecycle.egg;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.juicetokens.lifecycle.egg.proto.Egg;
import org.juicetokens.lifecycle.egg.proto.EggStage;
import org.juicetokens.lifecycle.egg.proto.EggStats;
import org.juicetokens.lifecycle.egg.proto.MaturingEgg;

import java.util.Comparator;
import java.util.function.LongSupplier;

/**
 * The egg meters (labels bounded: outcome ok|failed, one stage of six): generations
 * (juice_egg_generations_total{outcome}), activations (hatches), fertilizations, expirations, the
 * eggs kept here per stage (gauge juice_egg_stage_eggs{stage}) and the mean maturation progress of
 * the maturing ones (gauge juice_egg_maturation_progress_percent).
 */
final class EggMeters {
  private final Counter generated;
  private final Counter generationFailed;
  private final Counter activations;
  private final Counter expirations;
  private final Counter fertilizations;
  private final EggBook book;
  private final EggDurations durations;
  private final LongSupplier clock;

  EggMeters(MeterRegistry registry, EggBook book, EggDurations durations, LongSupplier clock) {
    this.book = book;
    this.durations = durations;
    this.clock = clock;
    generated = Counter.builder("juice.egg.generations").tag("outcome", "ok").description("Egg batches generated").register(registry);
    generationFailed = Counter.builder("juice.egg.generations").tag("outcome", "failed").description("Egg batches generated").register(registry);
    activations = Counter.builder("juice.egg.activations").description("Eggs hatched into tokens").register(registry);
    expirations = Counter.builder("juice.egg.expirations").description("Eggs expired unfertilized").register(registry);
    fertilizations = Counter.builder("juice.egg.fertilizations").description("Eggs fertilized by a proof of activity").register(registry);
    for (EggStage stage : EggStage.values()) {
      if (stage != EggStage.EGG_STAGE_UNSPECIFIED && stage != EggStage.UNRECOGNIZED) {
        Gauge.builder("juice.egg.stage.eggs", () -> count(stage)).tag("stage", stage.name())
          .description("Eggs kept on this node per lifecycle stage").register(registry);
      }
    }
    Gauge.builder("juice.egg.maturation.progress.percent", this::meanProgress)
      .description("Mean maturation progress of the eggs maturing on this node").register(registry);
  }

  void generation(boolean ok) {
    (ok ? generated : generationFailed).increment();
  }

  void activated() {
    activations.increment();
  }

  void expired() {
    expirations.increment();
  }

  void fertilized() {
    fertilizations.increment();
  }

  private double count(EggStage stage) {
    return book.all().stream().filter(e -> e.getStage() == stage).count();
  }

  private double meanProgress() {
    long now = clock.getAsLong();
    return book.all().stream().filter(EggMeters::maturing).mapToInt(e -> EggStages.percent(e, now, durations)).average().orElse(0);
  }

  private static boolean maturing(Egg e) {
    return e.getStage() == EggStage.FERTILIZED || e.getStage() == EggStage.INCUBATING || e.getStage() == EggStage.HATCHING;
  }

  EggStats stats() {
    long now = clock.getAsLong();
    EggStats.Builder stats = EggStats.newBuilder()
      .setGenerationsOk((long) generated.count()).setGenerationsFailed((long) generationFailed.count())
      .setActivations((long) activations.count()).setExpirations((long) expirations.count())
      .setFertilizations((long) fertilizations.count());
    for (Egg e : book.all()) {
      stats.putByStage(e.getStage().name(), stats.getByStageOrDefault(e.getStage().name(), 0) + 1);
    }
    book.all().stream().filter(EggMeters::maturing).sorted(Comparator.comparingLong(Egg::getNextDeadlineMs)).limit(20)
      .forEach(e -> stats.addMaturing(MaturingEgg.newBuilder().setEggId(e.getId()).setStage(e.getStage())
        .setPercent(EggStages.percent(e, now, durations)).setNextDeadlineMs(e.getNextDeadlineMs())));
    return stats.build();
  }
}
