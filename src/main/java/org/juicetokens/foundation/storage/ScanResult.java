package org.juicetokens.foundation.storage;

import java.util.List;

/**
 * The entries of one scan, in key order.
 *
 * @param truncated true when more entries matched than were returned (limit or size reached):
 *                  continue with a scan starting after the last key
 */
public record ScanResult(List<Entry> entries, boolean truncated) {

  public ScanResult {
    entries = List.copyOf(entries);
  }

  /** One key/value (arrays owned by the caller from here on). */
  public record Entry(byte[] key, byte[] value) {
  }
}
