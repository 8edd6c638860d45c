package org.juicetokens.extension.spi;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The only way an extension calls back into the node: every call is checked against the
 * permissions its operator accepted, and fails with PERMISSION_DENIED otherwise (counted in
 * the extension's metrics). Answers are proto3 JSON of the node's API messages. Calls are
 * asynchronous and bounded by the node's request timeout.
 */
public interface ExtensionContext {
  /** The extension's id (from its manifest). */
  String extensionId();

  /** The manifest's config map (threshold, URL, ...), read-only. */
  Map<String, String> config();

  /** A token as the node's API shows it (tokens:read). */
  Future<JsonObject> token(String tokenId);

  /** A transfer by id (transactions:read). */
  Future<JsonObject> transfer(String transferId);

  /** The attestations about a subject, each with valid/reason (attestations:read). */
  Future<JsonArray> attestations(String subjectId);

  /** Creates a peer attestation signed by an identity homed on this node (attestations:write). */
  Future<JsonObject> attest(String attesterId, String subjectId, int strength, String statement);

  /**
   * Publishes a notification to the node's extension notification stream (SSE at
   * {@code /api/v1/extensions/notifications}) (notify).
   */
  Future<Void> notify(String kind, JsonObject payload);

  /**
   * POSTs JSON to an http(s) URL and completes with the response status (notify). A refused
   * connection or timeout fails the future; retrying is the extension's choice.
   */
  Future<Integer> post(String url, JsonObject body);

  /** Completes after {@code delayMs} (for an extension's own retry back-off), on its context. */
  Future<Void> after(long delayMs);
}
