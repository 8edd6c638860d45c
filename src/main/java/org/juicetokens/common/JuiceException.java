package org.juicetokens.common;

import java.util.Map;

/**
 * The one exception type that crosses layer boundaries. It carries a stable {@link ErrorCode},
 * a message meant for people, and optional details (no secrets, no private keys).
 */
public class JuiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final Map<String, String> details;

  public JuiceException(ErrorCode code, String message) {
    this(code, message, Map.of(), null);
  }

  public JuiceException(ErrorCode code, String message, Throwable cause) {
    this(code, message, Map.of(), cause);
  }

  public JuiceException(ErrorCode code, String message, Map<String, String> details, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.details = Map.copyOf(details);
  }

  public static JuiceException invalidArgument(String message) {
    return new JuiceException(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static JuiceException notFound(String message) {
    return new JuiceException(ErrorCode.NOT_FOUND, message);
  }

  public static JuiceException unavailable(String message, Throwable cause) {
    return new JuiceException(ErrorCode.UNAVAILABLE, message, cause);
  }

  public static JuiceException internal(String message, Throwable cause) {
    return new JuiceException(ErrorCode.INTERNAL, message, cause);
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, String> details() {
    return details;
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
