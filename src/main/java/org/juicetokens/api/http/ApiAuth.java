package org.juicetokens.api.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.transcoding.TranscodingServiceMethod;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bearer-token check for mutating API calls (PUT, POST, PATCH, DELETE over HTTP/JSON; the gRPC
 * methods whose {@code google.api.http} rule is one of those). Open when no token is configured.
 * The comparison takes the same time whatever the mismatch, so the token cannot be guessed by timing.
 */
public final class ApiAuth {
  private static final String BEARER = "Bearer ";

  private final byte[] expected;

  private ApiAuth(String token) {
    this.expected = token.isEmpty() ? null : (BEARER + token).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code token} empty = no check. */
  public static ApiAuth of(String token) {
    return new ApiAuth(token == null ? "" : token);
  }

  public boolean enabled() {
    return expected != null;
  }

  /** Whether a request carrying this {@code Authorization} header (or gRPC metadata) may mutate. */
  public boolean accepts(String authorization) {
    if (expected == null) {
      return true;
    }
    if (authorization == null) {
      return false;
    }
    return MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8));
  }

  public static boolean mutating(HttpMethod method) {
    return method == HttpMethod.PUT || method == HttpMethod.POST || method == HttpMethod.PATCH || method == HttpMethod.DELETE;
  }

  /** gRPC paths ({@code /package.Service/Method}) of the methods whose HTTP rule mutates. */
  public static Set<String> mutatingGrpcPaths(List<ServiceMethod<?, ?>> methods) {
    Set<String> paths = new HashSet<>();
    for (ServiceMethod<?, ?> method : methods) {
      if (method instanceof TranscodingServiceMethod<?, ?> transcoded && transcoded.options() != null
        && mutating(transcoded.options().getHttpMethod())) {
        paths.add("/" + method.fullMethodName());
      }
    }
    return Set.copyOf(paths);
  }
}
