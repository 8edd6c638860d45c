package org.juicetokens.foundation.time;

import org.apache.commons.net.ntp.NTPUDPClient;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeInfo;
import org.juicetokens.common.JuiceException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * SNTP queries with commons-net. Blocking (DNS and UDP): call it on a worker thread, never on
 * the event loop. The offset is computed from the four timestamps with t1 and t4 read from the
 * node's own {@link Clock} right around the exchange (commons-net stamps its packet with the
 * system clock, which would hide a skew). Failures are UNAVAILABLE with the reason.
 */
public final class NtpSource {
  private final Clock clock;
  private final int timeoutMs;

  public NtpSource(Clock clock, int timeoutMs) {
    if (timeoutMs <= 0) {
      throw JuiceException.invalidArgument("time.ntpTimeoutMs must be > 0");
    }
    this.clock = clock;
    this.timeoutMs = timeoutMs;
  }

  /** One exchange with {@code server}: its offset from the local clock and the round trip. */
  public ClockOffset query(NtpServer server) {
    try (NTPUDPClient client = new NTPUDPClient()) {
      InetAddress address = InetAddress.getByName(server.host());
      client.setDefaultTimeout(Duration.ofMillis(timeoutMs));
      client.setVersion(NtpV3Packet.VERSION_4);
      client.open();
      long t1 = clock.nowMs();
      TimeInfo info = client.getTime(address, server.port());
      long t4 = clock.nowMs();
      NtpV3Packet answer = info.getMessage();
      check(server, answer);
      return ClockOffset.of(t1, answer.getReceiveTimeStamp().getTime(), answer.getTransmitTimeStamp().getTime(), t4);
    } catch (SocketTimeoutException e) {
      throw JuiceException.unavailable("NTP server " + server.name() + " did not answer within " + timeoutMs + " ms", e);
    } catch (UnknownHostException e) {
      throw JuiceException.unavailable("NTP server " + server.name() + " does not resolve", e);
    } catch (IOException e) {
      throw JuiceException.unavailable("NTP server " + server.name() + " failed: " + e.getMessage(), e);
    }
  }

  /** Rejects answers an SNTP client must not use (RFC 4330 §5): wrong mode, kiss-o'-death, unsynchronized. */
  private static void check(NtpServer server, NtpV3Packet answer) {
    String problem = null;
    if (answer.getMode() != NtpV3Packet.MODE_SERVER) {
      problem = "mode " + answer.getMode();
    } else if (answer.getStratum() == 0 || answer.getStratum() > 15) {
      problem = "stratum " + answer.getStratum() + (answer.getStratum() == 0 ? " (kiss-o'-death)" : "");
    } else if (answer.getLeapIndicator() == NtpV3Packet.LI_ALARM_CONDITION) {
      problem = "unsynchronized (leap indicator 3)";
    } else if (answer.getTransmitTimeStamp().ntpValue() == 0 || answer.getReceiveTimeStamp().ntpValue() == 0) {
      problem = "missing timestamps";
    }
    if (problem != null) {
      throw JuiceException.unavailable("NTP server " + server.name() + " gave an unusable answer: " + problem, null);
    }
  }
}
