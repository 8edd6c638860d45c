package org.juicetokens.drill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay in the harness JVM that holds the bytes of one direction for {@code delay ± jitter}
 * before passing them on: the drills' stand-in for {@code tc netem delay}, which this kernel lacks
 * (no sch_netem). iptables DNAT rules in the nodes' namespaces steer every connection to or from the
 * delayed node's cluster ports through one of these listeners on the bridge's gateway address.
 * <p>
 * What it is and is not: each chunk read is delivered at {@code max(previous delivery, read time +
 * delay + uniform(-jitter, +jitter))}, so bytes keep their order (TCP could not reorder them
 * anyway) and jitter cannot make a later chunk overtake an earlier one. It delays the stream, not
 * packets: TCP handshakes, ACKs and retransmissions between the node and the relay are not delayed,
 * and a lost packet costs a retransmission on one short hop instead of the whole path.
 */
final class DelayProxy implements AutoCloseable {
  /** The delay and jitter of one node's links, read by every relay of that node on every chunk. */
  static final class Setting {
    private volatile long delayMs;
    private volatile long jitterMs;

    void set(long delayMs, long jitterMs) {
      this.delayMs = delayMs;
      this.jitterMs = jitterMs;
    }

    long nextDelayNanos() {
      long jitter = jitterMs;
      long ms = delayMs + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
      return TimeUnit.MILLISECONDS.toNanos(Math.max(0, ms));
    }

    long delayMs() {
      return delayMs;
    }
  }

  private static final byte[] EOF = new byte[0];
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final boolean delayUpstream;
  private final Setting setting;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * Listens on {@code bindHost} (any free port) and relays to {@code targetHost:targetPort};
   * {@code delayUpstream}: the bytes the connecting side sends are delayed (else the answers are).
   */
  DelayProxy(String bindHost, String targetHost, int targetPort, boolean delayUpstream, Setting setting) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getByName(bindHost));
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.delayUpstream = delayUpstream;
    this.setting = setting;
    Thread acceptor = new Thread(this::accept, "drill-proxy-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        try {
          upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
        } catch (IOException e) {
          client.close();
          continue;
        }
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        open.add(client);
        open.add(upstream);
        pump(client, upstream, delayUpstream);
        pump(upstream, client, !delayUpstream);
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  /** A reader and a writer thread for one direction, a timed queue between them. */
  private void pump(Socket from, Socket to, boolean delayed) {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      long lastDue = 0;
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream()) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          long due = Math.max(lastDue, System.nanoTime() + (delayed ? setting.nextDelayNanos() : 0));
          lastDue = due;
          queue.add(new Chunk(java.util.Arrays.copyOf(buffer, n), due));
        }
      } catch (IOException e) {
        // the connection ended; the writer passes the end on
      }
      queue.add(new Chunk(EOF, lastDue));
    }, "drill-proxy-read");
    Thread writer = new Thread(() -> {
      try (OutputStream out = to.getOutputStream()) {
        while (true) {
          Chunk chunk = queue.take();
          long wait = chunk.dueNanos - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          if (chunk.bytes == EOF) {
            break;
          }
          out.write(chunk.bytes);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the other side is gone
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "drill-proxy-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  private record Chunk(byte[] bytes, long dueNanos) {
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
  }
}
