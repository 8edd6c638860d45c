package org.juicetokens.foundation.dht;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.Errors;
import org.juicetokens.common.JuiceException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Maps Hazelcast failures to the error contract, once, at the DHT edge. */
final class DhtFailures {
  private DhtFailures() {
  }

  static JuiceException toJuice(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof JuiceException je) {
      return je;
    }
    if (cause instanceof HazelcastInstanceNotActiveException) {
      return new JuiceException(ErrorCode.UNAVAILABLE, "the DHT member of this node is not running", cause);
    }
    if (cause instanceof OperationTimeoutException) {
      return new JuiceException(ErrorCode.TIMEOUT, "DHT operation timed out: " + cause.getMessage(), cause);
    }
    if (cause instanceof RetryableException || cause instanceof TargetNotMemberException) {
      return new JuiceException(ErrorCode.UNAVAILABLE, "DHT partition not reachable: " + cause.getMessage(), cause);
    }
    return Errors.toJuice(cause);
  }
}
