package org.juicetokens.foundation.time;

import org.juicetokens.testing.SntpTestServer;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NtpSourceTest {
  private SntpTestServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = SntpTestServer.start(0);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  /** An NTP offset is exact up to half the round trip (plus millisecond truncation of the four stamps). */
  private static void assertOffsetNear(ClockOffset measured, long expected) {
    assertThat(Math.abs(measured.offsetMs() - expected)).isLessThanOrEqualTo(measured.roundTripMs() / 2 + 2);
  }

  @Test
  void measures_the_offset_of_a_server_ahead_of_us() throws Exception {
    try (SntpTestServer ahead = SntpTestServer.start(3_000)) {
      ClockOffset m = new NtpSource(new SkewedClock(0), 2_000).query(NtpServer.parse(ahead.address()));

      assertOffsetNear(m, 3_000);
    }
  }

  @Test
  void a_correct_server_agrees_with_an_unskewed_clock() {
    ClockOffset m = new NtpSource(new SkewedClock(0), 2_000).query(NtpServer.parse(server.address()));

    assertOffsetNear(m, 0);
    assertThat(server.answered()).isEqualTo(1);
  }

  @Test
  void a_skewed_clock_is_measured_against_itself_not_the_system_clock() {
    ClockOffset m = new NtpSource(new SkewedClock(10_000), 2_000).query(NtpServer.parse(server.address()));

    assertOffsetNear(m, -10_000);
  }

  @Test
  void a_silent_server_is_unavailable_after_the_timeout() {
    server.mode(SntpTestServer.Mode.SILENT);

    assertThatThrownBy(() -> new NtpSource(new SkewedClock(0), 300).query(NtpServer.parse(server.address())))
      .isInstanceOfSatisfying(JuiceException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("did not answer within 300 ms");
      });
  }

  @Test
  void a_kiss_of_death_answer_is_rejected() {
    server.mode(SntpTestServer.Mode.KISS_OF_DEATH);

    assertThatThrownBy(() -> new NtpSource(new SkewedClock(0), 2_000).query(NtpServer.parse(server.address())))
      .isInstanceOfSatisfying(JuiceException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("stratum 0");
      });
  }

  @Test
  void a_non_positive_timeout_is_an_invalid_argument() {
    assertThatThrownBy(() -> new NtpSource(new SkewedClock(0), 0))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
