package org.juicetokens.extension.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.api.v1.GetTransferRequest;
import org.juicetokens.api.v1.TokenReply;
import org.juicetokens.api.v1.TokenRequest;
import org.juicetokens.api.v1.Transfer;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.Bus;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.spi.ExtensionContext;
import org.juicetokens.extension.spi.Permission;
import org.juicetokens.trust.attestation.proto.AttestationList;
import org.juicetokens.trust.attestation.proto.AttestationView;
import org.juicetokens.trust.attestation.proto.CreateAttestationRequest;
import org.juicetokens.trust.attestation.proto.ListAttestationsRequest;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The permission-checked facade one extension gets: every call is checked against its grants
 * first (PERMISSION_DENIED otherwise, counted in juice_extension_denied_total), then asks the node
 * over the event bus with the node's request timeout, exactly as the API does. Attestations an
 * extension creates have type "other" and the statement as content.
 */
final class ExtensionFacade implements ExtensionContext {
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);
  /** Longest an extension may ask to be woken later (a day): a longer timer is a mistake, not a back-off. */
  static final long MAX_DELAY_MS = 86_400_000L;

  private final String extensionId;
  private final Map<String, String> config;
  private final Grants grants;
  private final Vertx vertx;
  private final HttpClient http;
  private final ExtensionMeters meters;
  private final long timeoutMs;

  ExtensionFacade(String extensionId, Map<String, String> config, Grants grants, Vertx vertx, HttpClient http, ExtensionMeters meters,
                  long timeoutMs) {
    this.extensionId = extensionId;
    this.config = Map.copyOf(config);
    this.grants = grants;
    this.vertx = vertx;
    this.http = http;
    this.meters = meters;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String extensionId() {
    return extensionId;
  }

  @Override
  public Map<String, String> config() {
    return config;
  }

  @Override
  public Future<JsonObject> token(String tokenId) {
    return checked(Permission.TOKENS_READ, () -> Bus.request(vertx.eventBus(), Addresses.TOKEN_GET,
      TokenRequest.newBuilder().setTokenId(tokenId).build(), timeoutMs, TokenReply.class).map(HookEvents::json));
  }

  @Override
  public Future<JsonObject> transfer(String transferId) {
    return checked(Permission.TRANSACTIONS_READ, () -> Bus.request(vertx.eventBus(), Addresses.TX_GET,
      GetTransferRequest.newBuilder().setTxId(transferId).build(), timeoutMs, Transfer.class).map(HookEvents::json));
  }

  @Override
  public Future<JsonArray> attestations(String subjectId) {
    return checked(Permission.ATTESTATIONS_READ, () -> Bus.request(vertx.eventBus(), Addresses.ATTESTATION_LIST,
      ListAttestationsRequest.newBuilder().setSubjectId(subjectId).build(), timeoutMs, AttestationList.class)
      .map(list -> new JsonArray(list.getAttestationsList().stream().map(HookEvents::json).toList())));
  }

  @Override
  public Future<JsonObject> attest(String attesterId, String subjectId, int strength, String statement) {
    return checked(Permission.ATTESTATIONS_WRITE, () -> Bus.request(vertx.eventBus(), Addresses.ATTESTATION_CREATE,
      CreateAttestationRequest.newBuilder().setAttesterId(attesterId).setSubjectId(subjectId).setType("other")
        .setStrength(strength).setContent(statement == null ? "" : statement).build(), timeoutMs, AttestationView.class)
      .map(HookEvents::json));
  }

  @Override
  public Future<Void> notify(String kind, JsonObject payload) {
    return checked(Permission.NOTIFY, () -> {
      if (kind == null || kind.isBlank() || kind.length() > 64) {
        throw JuiceException.invalidArgument("notification kind must be 1-64 characters");
      }
      vertx.eventBus().publish(Addresses.EXTENSION_NOTIFICATIONS, new JsonObject().put("extensionId", extensionId).put("kind", kind)
        .put("payload", payload == null ? new JsonObject() : payload.copy()).put("atMs", System.currentTimeMillis()), LOCAL);
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<Integer> post(String url, JsonObject body) {
    return checked(Permission.NOTIFY, () -> {
      URI target = httpUri(url);
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.toString())
        .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs);
      return http.request(options)
        .compose(request -> request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .send((body == null ? new JsonObject() : body).toBuffer()))
        .compose(response -> response.body().map(ignored -> response.statusCode()))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(f -> Future.failedFuture(new JuiceException(ErrorCode.UNAVAILABLE,
          "POST to " + target.getHost() + " failed: " + f.getMessage(), f)));
    });
  }

  @Override
  public Future<Void> after(long delayMs) {
    if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
      return Future.failedFuture(JuiceException.invalidArgument("delay must be 0-" + MAX_DELAY_MS + " ms"));
    }
    // a timer set from the extension's context fires on it
    Promise<Void> done = Promise.promise();
    vertx.setTimer(Math.max(1, delayMs), t -> done.complete());
    return done.future();
  }

  private static URI httpUri(String url) {
    URI uri;
    try {
      uri = URI.create(url == null ? "" : url);
    } catch (IllegalArgumentException e) {
      throw JuiceException.invalidArgument("not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw JuiceException.invalidArgument("only http and https URLs with a host can be posted to");
    }
    return uri;
  }

  private <T> Future<T> checked(Permission permission, Supplier<Future<T>> call) {
    if (!grants.allows(permission)) {
      meters.denied(extensionId, permission);
      return Future.failedFuture(new JuiceException(ErrorCode.PERMISSION_DENIED,
        "extension " + extensionId + " lacks permission " + permission.wireName()));
    }
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
