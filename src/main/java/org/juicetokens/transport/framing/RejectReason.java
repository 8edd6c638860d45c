package org.juicetokens.transport.framing;

import org.juicetokens.transport.framing.proto.TransportErrorCode;

/**
 * Every way a frame can be refused: the label of {@code juice_frames_rejected_total{reason}}
 * (a fixed set, so the metric stays bounded) and the {@link TransportErrorCode} it yields.
 */
public enum RejectReason {
  /** The wire unit ends before its length prefix or before the length it declares. */
  TRUNCATED("truncated", TransportErrorCode.CORRUPTION),
  /** The length prefix is not a varint, is zero, or bytes follow the declared length. */
  BAD_LENGTH("bad_length", TransportErrorCode.CORRUPTION),
  /** The frame bytes are not a MessageFrame. */
  MALFORMED("malformed", TransportErrorCode.CORRUPTION),
  /** The CRC32C over payload and identity fields does not match. */
  BAD_CHECKSUM("bad_checksum", TransportErrorCode.CORRUPTION),
  UNKNOWN_VERSION("unknown_version", TransportErrorCode.PROTOCOL_ERROR),
  UNKNOWN_TYPE("unknown_type", TransportErrorCode.PROTOCOL_ERROR),
  UNKNOWN_COMPRESSION("unknown_compression", TransportErrorCode.PROTOCOL_ERROR),
  /** A frame, a message (declared, reassembled or decompressed) or a chunk count above the limits. */
  OVERSIZE("oversize", TransportErrorCode.RESOURCE_EXHAUSTED),
  /** A chunk index outside [0, total), or a chunk total below 2. */
  CHUNK_INDEX("chunk_index", TransportErrorCode.PROTOCOL_ERROR),
  /** A chunk whose header (type, total, hash, compression) disagrees with the earlier chunks. */
  CHUNK_MISMATCH("chunk_mismatch", TransportErrorCode.PROTOCOL_ERROR),
  DUPLICATE_CHUNK("duplicate_chunk", TransportErrorCode.PROTOCOL_ERROR),
  /** The reassembled message does not have the SHA-256 its chunks announced. */
  HASH_MISMATCH("hash_mismatch", TransportErrorCode.CORRUPTION),
  TOO_MANY_PARTIALS("too_many_partials", TransportErrorCode.RESOURCE_EXHAUSTED),
  /** The partial messages of one decoder would hold more than {@link FramingLimits#maxBufferedBytes()}. */
  BUFFER_FULL("buffer_full", TransportErrorCode.RESOURCE_EXHAUSTED),
  /** A partial message not completed within the partial TTL. */
  EXPIRED("expired", TransportErrorCode.TIMEOUT),
  /** The compressed payload does not decompress. */
  DECOMPRESSION("decompression", TransportErrorCode.CORRUPTION),
  /** Encoding only: a missing or too long message type, or no frame type. */
  BAD_MESSAGE_TYPE("bad_message_type", TransportErrorCode.PROTOCOL_ERROR);

  private final String label;
  private final TransportErrorCode code;

  RejectReason(String label, TransportErrorCode code) {
    this.label = label;
    this.code = code;
  }

  public String label() {
    return label;
  }

  public TransportErrorCode code() {
    return code;
  }

  /** The reason with this label, or {@code null}. */
  public static RejectReason byLabel(String label) {
    for (RejectReason reason : values()) {
      if (reason.label.equals(label)) {
        return reason;
      }
    }
    return null;
  }
}
