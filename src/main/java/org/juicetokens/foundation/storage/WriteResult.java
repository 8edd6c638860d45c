package org.juicetokens.foundation.storage;

/**
 * The acknowledgement of a write request.
 *
 * @param bytes  key and value bytes written
 * @param synced true when the write was on disk (fsynced) before this acknowledgement
 */
public record WriteResult(long bytes, boolean synced) {
}
