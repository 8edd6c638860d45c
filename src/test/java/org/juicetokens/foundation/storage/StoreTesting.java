package org.juicetokens.foundation.storage;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Small helpers shared by the storage tests. */
final class StoreTesting {
  static final StoreLimits SMALL = new StoreLimits(64, 4096, 256, 100);

  private StoreTesting() {
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Waits for a write and returns its result, failing the test on error. */
  static WriteResult done(CompletableFuture<WriteResult> write) {
    try {
      return write.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | InterruptedException | TimeoutException e) {
      return fail("write failed: " + e, e);
    }
  }

  /** The error code a write failed with (the test fails if it succeeded). */
  static ErrorCode failureOf(CompletableFuture<?> write) {
    try {
      write.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(JuiceException.class);
      return ((JuiceException) e.getCause()).code();
    } catch (InterruptedException | TimeoutException e) {
      return fail("write did not complete: " + e, e);
    }
    return fail("write succeeded but should have failed");
  }

  /** The error code a synchronous call threw with. */
  static ErrorCode thrownBy(Runnable call) {
    try {
      call.run();
    } catch (JuiceException e) {
      return e.code();
    } catch (CompletionException e) {
      return ((JuiceException) e.getCause()).code();
    }
    return fail("call succeeded but should have failed");
  }
}
