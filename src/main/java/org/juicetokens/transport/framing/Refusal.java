package org.juicetokens.transport.framing;

import org.juicetokens.transport.framing.proto.TransportError;

/**
 * A decoder's refusal of one frame, thrown inside the decoder and caught at its edge. No stack
 * trace: refusing hostile input is routine and must cost little (the fuzz test refuses a
 * million frames in seconds).
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient TransportError error;

  Refusal(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.error = TransportException.error(reason, detail);
  }

  TransportError error() {
    return error;
  }
}
