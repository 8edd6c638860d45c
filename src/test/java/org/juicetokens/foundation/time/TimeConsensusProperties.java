package org.juicetokens.foundation.time;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.juicetokens.foundation.time.proto.TimeReading;
import org.juicetokens.foundation.time.proto.TimeSourceReading;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.foundation.time.proto.TimeStatus;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the consensus rules over arbitrary sets of fresh sources. */
class TimeConsensusProperties {
  private static final long NOW = 1_700_000_000_000L;
  private static final long THRESHOLD = TimeConsensus.Rules.PROTOCOL_DEFAULTS.outlierThresholdMs();

  @Provide
  Arbitrary<List<TimeSample>> externalSources() {
    Arbitrary<TimeSample> sample = Combinators.combine(
      Arbitraries.of(TimeSourceType.NTP, TimeSourceType.PEERS),
      Arbitraries.longs().between(-30_000, 30_000),
      Arbitraries.integers().between(0, 100),
      Arbitraries.integers().between(0, 1_000_000)
    ).as((type, offset, confidence, id) -> new TimeSample(type, "s" + id, offset, 0, confidence, NOW, ""));
    return sample.list().ofMaxSize(8).uniqueElements(TimeSample::key);
  }

  private static TimeReading evaluate(List<TimeSample> external) {
    List<TimeSample> all = new ArrayList<>(external);
    all.add(new TimeSample(TimeSourceType.SYSTEM, "system", 0, 0, 80, NOW, ""));
    return new TimeConsensus(TimeConsensus.Rules.PROTOCOL_DEFAULTS).evaluate(all, NOW);
  }

  @Property
  void consensus_offset_is_the_offset_of_a_contributing_source(@ForAll("externalSources") List<TimeSample> external) {
    TimeReading reading = evaluate(external);

    assertThat(reading.getSourcesList()).filteredOn(s -> !s.getExcluded())
      .extracting(TimeSourceReading::getOffsetMs).contains(reading.getConsensusOffsetMs());
    assertThat(reading.getTimestampMs()).isEqualTo(NOW + reading.getConsensusOffsetMs());
  }

  @Property
  void confidence_stays_in_range_and_inadequate_is_capped(@ForAll("externalSources") List<TimeSample> external) {
    TimeReading reading = evaluate(external);

    assertThat(reading.getConfidence()).isBetween(0, 100);
    if (reading.getStatus() == TimeStatus.INADEQUATE) {
      assertThat(reading.getConfidence()).isLessThanOrEqualTo(TimeConsensus.INADEQUATE_CAP);
    }
  }

  @Property
  void a_good_status_means_the_local_clock_or_ntp_backs_it(@ForAll("externalSources") List<TimeSample> external) {
    TimeReading reading = evaluate(external);

    if (reading.getStatus() == TimeStatus.CONSENSUS) {
      assertThat(reading.getSourcesList()).noneMatch(s -> s.getType() == TimeSourceType.NTP);
      assertThat(reading.getSourcesList()).anyMatch(s -> s.getType() == TimeSourceType.PEERS && !s.getExcluded());
      assertThat(reading.getSourcesList()).filteredOn(s -> !s.getExcluded())
        .allMatch(s -> Math.abs(s.getOffsetMs() - reading.getConsensusOffsetMs()) <= 2 * THRESHOLD);
      assertThat(Math.abs(reading.getConsensusOffsetMs())).isLessThanOrEqualTo(2 * THRESHOLD);
    }
    if (reading.getStatus() == TimeStatus.VERIFIED) {
      assertThat(reading.getSourcesList()).anyMatch(s -> s.getType() == TimeSourceType.NTP && !s.getExcluded()
        && Math.abs(s.getOffsetMs() - reading.getConsensusOffsetMs()) <= 1_000);
    }
  }

  @Property
  void excluded_sources_are_exactly_those_far_from_the_median(@ForAll("externalSources") List<TimeSample> external) {
    TimeReading reading = evaluate(external);
    List<TimeSample> all = new ArrayList<>(external);
    all.add(new TimeSample(TimeSourceType.SYSTEM, "system", 0, 0, 80, NOW, ""));
    long median = TimeConsensus.weightedMedian(all);

    for (TimeSourceReading s : reading.getSourcesList()) {
      assertThat(s.getExcluded()).isEqualTo(Math.abs(s.getOffsetMs() - median) > THRESHOLD);
    }
  }
}
