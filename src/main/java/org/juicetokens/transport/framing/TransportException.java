package org.juicetokens.transport.framing;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.transport.framing.proto.TransportError;
import org.juicetokens.transport.framing.proto.TransportErrorCode;

import java.util.Map;

/**
 * A transport failure crossing into the rest of the node: carries the {@link TransportError}
 * (what an ERROR frame would say) and the node {@link ErrorCode} it maps to, once, here.
 */
public class TransportException extends JuiceException {
  private static final long serialVersionUID = 1L;

  private final transient TransportError error;

  public TransportException(TransportError error) {
    super(map(error.getCode()), error.getReason() + ": " + error.getDetail(),
      Map.of("transportCode", error.getCode().name(), "reason", error.getReason()), null);
    this.error = error;
  }

  public static TransportException of(RejectReason reason, String detail) {
    return new TransportException(error(reason, detail));
  }

  static TransportError error(RejectReason reason, String detail) {
    return TransportError.newBuilder().setCode(reason.code()).setReason(reason.label()).setDetail(detail).build();
  }

  public TransportError error() {
    return error;
  }

  /** The node error code of a transport error code. */
  public static ErrorCode map(TransportErrorCode code) {
    return switch (code) {
      case CORRUPTION, PROTOCOL_ERROR -> ErrorCode.INVALID_ARGUMENT;
      case RESOURCE_EXHAUSTED, CONNECTION_LOST -> ErrorCode.UNAVAILABLE;
      case TIMEOUT -> ErrorCode.TIMEOUT;
      case SECURITY -> ErrorCode.PERMISSION_DENIED;
      default -> ErrorCode.INTERNAL;
    };
  }
}
