package org.juicetokens.governance.health;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/**
 * The node process's resources at one moment: CPU load (percent of all cores, -1 unknown), heap
 * used and max, open and maximum file descriptors (-1 when the JVM is not on Unix).
 */
public record ResourceReading(double cpuPercent, long heapUsedBytes, long heapMaxBytes, long openFiles, long maxFiles) {

  /** Reads the JVM's management beans (reads /proc on Linux: call it off the event loop). */
  public static ResourceReading sample() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuLoad() : -1;
    long open = -1;
    long max = -1;
    if (os instanceof UnixOperatingSystemMXBean unix) {
      open = unix.getOpenFileDescriptorCount();
      max = unix.getMaxFileDescriptorCount();
    }
    // the heap may have no limit (-1): then "used of max" has no meaning and counts as unknown
    return new ResourceReading(cpu < 0 ? -1 : cpu * 100, heap.getUsed(), heap.getMax(), open, max);
  }

  public double heapPercent() {
    return heapMaxBytes <= 0 ? -1 : 100.0 * heapUsedBytes / heapMaxBytes;
  }

  public double openFilesPercent() {
    return openFiles < 0 || maxFiles <= 0 ? -1 : 100.0 * openFiles / maxFiles;
  }
}
