package org.juicetokens.extension.examples;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.spi.ExtensionContext;

import java.net.ConnectException;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only ExtensionContext: records notify, post and after calls. Post answers are scripted
 * (a status, or null for a refused connection; when the script is empty every post is refused);
 * after completes at once (the delays are recorded, not waited). Everything completes on the
 * calling thread.
 */
final class RecordingContext implements ExtensionContext {
  record Notification(String kind, JsonObject payload) {
  }

  record Post(String url, JsonObject body) {
  }

  final List<Notification> notifications = new CopyOnWriteArrayList<>();
  final List<Post> posts = new CopyOnWriteArrayList<>();
  final List<Long> delays = new CopyOnWriteArrayList<>();
  private final Queue<Integer> answers = new LinkedList<>();
  private final Map<String, String> config;
  /** Notifications refused while > 0 (each refusal counts one down). */
  int refuseNotifications;
  /** When true, after() never completes (a delivery stays in its back-off). */
  boolean holdBackOff;

  RecordingContext(Map<String, String> config) {
    this.config = Map.copyOf(config);
  }

  /** The next post answers, in order: a status, or null for a refused connection. */
  RecordingContext answers(Integer... statuses) {
    answers.addAll(java.util.Arrays.asList(statuses));
    return this;
  }

  List<Notification> notifications(String kind) {
    return notifications.stream().filter(n -> n.kind().equals(kind)).toList();
  }

  @Override
  public String extensionId() {
    return "test-extension";
  }

  @Override
  public Map<String, String> config() {
    return config;
  }

  @Override
  public Future<JsonObject> token(String tokenId) {
    return Future.failedFuture(new UnsupportedOperationException("not used by the examples"));
  }

  @Override
  public Future<JsonObject> transfer(String transferId) {
    return Future.failedFuture(new UnsupportedOperationException("not used by the examples"));
  }

  @Override
  public Future<JsonArray> attestations(String subjectId) {
    return Future.failedFuture(new UnsupportedOperationException("not used by the examples"));
  }

  @Override
  public Future<JsonObject> attest(String attesterId, String subjectId, int strength, String statement) {
    return Future.failedFuture(new UnsupportedOperationException("not used by the examples"));
  }

  @Override
  public Future<Void> notify(String kind, JsonObject payload) {
    if (refuseNotifications > 0) {
      refuseNotifications--;
      return Future.failedFuture(JuiceException.unavailable("notification refused by the test", null));
    }
    notifications.add(new Notification(kind, payload.copy()));
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> post(String url, JsonObject body) {
    posts.add(new Post(url, body.copy()));
    Integer status = answers.poll();
    return status == null ? Future.failedFuture(new ConnectException("Connection refused: " + url)) : Future.succeededFuture(status);
  }

  @Override
  public Future<Void> after(long delayMs) {
    delays.add(delayMs);
    return holdBackOff ? io.vertx.core.Promise.<Void>promise().future() : Future.succeededFuture();
  }
}
