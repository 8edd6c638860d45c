package org.juicetokens.testing;

import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small SNTP server for tests: UDP on 127.0.0.1, a free port, answering NTP v3/v4 client
 * packets (commons-net's NtpV3Impl) with the system clock plus a configurable offset. It can
 * be told to stay silent or to answer with a kiss-o'-death (stratum 0).
 */
public final class SntpTestServer implements AutoCloseable {
  public enum Mode { ANSWER, SILENT, KISS_OF_DEATH }

  private final DatagramSocket socket;
  private final Thread thread;
  private final AtomicLong offsetMs = new AtomicLong();
  private final AtomicInteger answered = new AtomicInteger();
  private volatile Mode mode = Mode.ANSWER;

  private SntpTestServer() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(this::serve, "sntp-test-server-" + socket.getLocalPort());
    thread.setDaemon(true);
  }

  public static SntpTestServer start(long offsetMs) throws SocketException {
    SntpTestServer server = new SntpTestServer();
    server.offsetMs.set(offsetMs);
    server.thread.start();
    return server;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The server as {@code time.ntpServers} expects it. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  public SntpTestServer mode(Mode newMode) {
    mode = newMode;
    return this;
  }

  public int answered() {
    return answered.get();
  }

  private void serve() {
    while (!socket.isClosed()) {
      NtpV3Impl request = new NtpV3Impl();
      DatagramPacket in = request.getDatagramPacket();
      try {
        socket.receive(in);
        long receivedMs = System.currentTimeMillis() + offsetMs.get();
        if (mode == Mode.SILENT || request.getMode() != NtpV3Packet.MODE_CLIENT) {
          continue;
        }
        NtpV3Impl answer = new NtpV3Impl();
        answer.setMode(NtpV3Packet.MODE_SERVER);
        answer.setVersion(request.getVersion());
        answer.setLeapIndicator(NtpV3Packet.LI_NO_WARNING);
        answer.setStratum(mode == Mode.KISS_OF_DEATH ? 0 : 1);
        answer.setPoll(request.getPoll());
        answer.setPrecision(-20);
        answer.setReferenceId(0x4c4f434c); // "LOCL"
        answer.setReferenceTime(TimeStamp.getNtpTime(receivedMs));
        answer.setOriginateTimeStamp(request.getTransmitTimeStamp());
        answer.setReceiveTimeStamp(TimeStamp.getNtpTime(receivedMs));
        answer.setTransmitTime(TimeStamp.getNtpTime(System.currentTimeMillis() + offsetMs.get()));
        DatagramPacket out = answer.getDatagramPacket();
        out.setSocketAddress(in.getSocketAddress());
        answered.incrementAndGet();
        socket.send(out);
      } catch (IOException e) {
        if (!socket.isClosed()) {
          throw new IllegalStateException("SNTP test server failed", e);
        }
      }
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
