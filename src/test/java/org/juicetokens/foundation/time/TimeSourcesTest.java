package org.juicetokens.foundation.time;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.time.proto.TimeSourceType;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small pieces around consensus: NTP arithmetic, source confidences, server parsing, the skewed clock. */
class TimeSourcesTest {

  @Test
  void offset_and_round_trip_follow_the_ntp_formulas() {
    // remote clock 1000 ms ahead, 20 ms each way, 5 ms processing
    ClockOffset m = ClockOffset.of(10_000, 11_020, 11_025, 10_045);

    assertThat(m.offsetMs()).isEqualTo(1_000);
    assertThat(m.roundTripMs()).isEqualTo(40);
  }

  @Test
  void a_sub_millisecond_round_trip_never_comes_out_negative() {
    assertThat(ClockOffset.of(100, 101, 102, 100).roundTripMs()).isZero();
  }

  @Test
  void confidence_drops_one_point_per_twenty_ms_of_round_trip_down_to_a_floor() {
    SourceConfidence c = new SourceConfidence(80, 90, 70);

    assertThat(c.of(TimeSourceType.SYSTEM, 10_000)).isEqualTo(80);
    assertThat(c.of(TimeSourceType.NTP, 0)).isEqualTo(90);
    assertThat(c.of(TimeSourceType.NTP, 40)).isEqualTo(88);
    assertThat(c.of(TimeSourceType.PEERS, 100)).isEqualTo(65);
    assertThat(c.of(TimeSourceType.PEERS, 60_000)).isEqualTo(SourceConfidence.MIN_CONFIDENCE);
  }

  @Test
  void source_confidences_come_from_the_configuration_and_are_checked() {
    SourceConfidence c = SourceConfidence.from(NodeConfig.of(Map.of("node.id", "t", "time.peerConfidence", "60")));
    assertThat(c).isEqualTo(new SourceConfidence(80, 90, 60));

    assertThatThrownBy(() -> new SourceConfidence(0, 90, 70))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void ntp_servers_parse_with_and_without_port() {
    assertThat(NtpServer.parse("pool.ntp.org")).isEqualTo(new NtpServer("pool.ntp.org", "pool.ntp.org", 123));
    assertThat(NtpServer.parse(" 127.0.0.1:40123 ")).isEqualTo(new NtpServer("127.0.0.1:40123", "127.0.0.1", 40123));
    assertThat(NtpServer.parse("[::1]:1123")).isEqualTo(new NtpServer("[::1]:1123", "::1", 1123));
    assertThat(NtpServer.parse("[::1]")).isEqualTo(new NtpServer("[::1]", "::1", 123));
    assertThat(NtpServer.parse("::1")).isEqualTo(new NtpServer("::1", "::1", 123));
    assertThat(NtpServer.parseAll(List.of("a", "b:5"))).extracting(NtpServer::port).containsExactly(123, 5);
  }

  @Test
  void bad_ntp_servers_are_invalid_arguments() {
    for (String bad : new String[] {"", "  ", "host:0", "host:70000", "host:abc", ":123", "[::1", "[::1]x"}) {
      assertThatThrownBy(() -> NtpServer.parse(bad)).as(bad)
        .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
  }

  @Test
  void the_skewed_clock_runs_ahead_of_the_system_clock_by_the_skew() {
    SkewedClock clock = new SkewedClock(10_000);
    long before = System.currentTimeMillis();
    long skewed = clock.nowMs();
    long after = System.currentTimeMillis();

    assertThat(skewed).isBetween(before + 10_000, after + 10_000);
  }

  @Test
  void consensus_thresholds_must_be_positive() {
    assertThatThrownBy(() -> new TimeConsensus.Rules(60_000, 0, 1_000, 5_000, 60_000)).isInstanceOf(JuiceException.class);
    assertThat(TimeConsensus.Rules.from(NodeConfig.of(Map.of("node.id", "t")))).isEqualTo(TimeConsensus.Rules.PROTOCOL_DEFAULTS);
  }

  @Test
  void a_sample_needs_a_type_a_name_and_a_confidence_in_range() {
    assertThatThrownBy(() -> new TimeSample(TimeSourceType.TIME_SOURCE_TYPE_UNSPECIFIED, "x", 0, 0, 50, 0, ""))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimeSample(TimeSourceType.PEERS, "", 0, 0, 50, 0, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimeSample(TimeSourceType.PEERS, "p", 0, 0, 101, 0, "")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new TimeSample(TimeSourceType.PEERS, "p", 0, 0, 50, 0, null).error()).isEmpty();
  }
}
