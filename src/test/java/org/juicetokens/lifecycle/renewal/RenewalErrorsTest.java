package org.juicetokens.lifecycle.renewal;

import com.google.protobuf.ByteString;
import org.juicetokens.common.Addresses;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreScan;
import org.juicetokens.foundation.storage.proto.StoreScanResult;
import org.juicetokens.lifecycle.renewal.proto.RenewRequest;
import org.juicetokens.node.JuiceNode;
import org.juicetokens.testing.FreePorts;
import org.juicetokens.testing.InJvmClusters;
import org.juicetokens.token.proto.Token;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.lifecycle.renewal.RenewalTestSupport.*;

/** Every refused renewal answers its error and writes nothing (the issuer may have handed out an index: a gap, as a failed mint): the owner's tokens and the renewal records are unchanged. */
class RenewalErrorsTest {
  @TempDir
  static Path tmp;
  static JuiceNode node;
  static String owner;
  static String other;
  static Token token;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> settings = new HashMap<>(SETTINGS);
    settings.put("renewal.lifetimeDays", "2");
    node = InJvmClusters.start(InJvmClusters.settings(tmp, "solo", "test-" + UUID.randomUUID(), FreePorts.next(), "", settings));
    owner = identity(node, "owner");
    other = identity(node, "other");
    token = mint(node, owner, owner, 10, 1).get(0);
  }

  @AfterAll
  static void stop() throws Exception {
    InJvmClusters.closeAll(List.of(node));
  }

  @Test
  void a_requester_who_is_not_the_owner_is_refused() throws Exception {
    refused(renewal(token.getId(), other, ""), ErrorCode.PERMISSION_DENIED, "not the owner");
  }

  @Test
  void the_facilitator_must_be_another_identity() throws Exception {
    refused(renewal(token.getId(), owner, owner), ErrorCode.INVALID_ARGUMENT, "another identity");
  }

  @Test
  void an_unexpired_token_is_renewed_without_a_facilitator() throws Exception {
    refused(renewal(token.getId(), owner, other), ErrorCode.INVALID_ARGUMENT, "has not expired");
  }

  @Test
  void an_unknown_facilitator_is_refused() throws Exception {
    refused(renewal(token.getId(), owner, "ab".repeat(16)), ErrorCode.INVALID_ARGUMENT, "");
  }

  @Test
  void a_bad_owner_signature_is_refused() throws Exception {
    RenewRequest forged = renewal(token.getId(), owner, "").toBuilder().setSignature(ByteString.copyFrom(new byte[64]))
      .setSignedAtMs(System.currentTimeMillis()).build();
    refused(forged, ErrorCode.UNAUTHENTICATED, "bad signature");
  }

  @Test
  void a_renewed_token_is_not_renewed_again_and_an_expired_one_needs_a_facilitator() throws Exception {
    Token mine = mint(node, owner, owner, 5, 1).get(0);
    Token fresh = renew(node, mine.getId(), owner, "").getNewToken();
    refused(renewal(mine.getId(), owner, ""), ErrorCode.CONFLICT, "already renewed");
    eventually("expired", () -> System.currentTimeMillis() > fresh.getExpiresAtMs() + 100);
    refused(renewal(fresh.getId(), owner, ""), ErrorCode.CONFLICT, "only through a facilitator");
    // the owner has no wissel to pay the facilitator's 0.10 from: refused in the renewal's own batch
    refused(renewal(fresh.getId(), owner, other), ErrorCode.CONFLICT, "no wissel");
  }

  private static void refused(RenewRequest request, ErrorCode code, String message) throws Exception {
    List<Token> before = held(node, owner);
    int records = records();
    var error = failure(node, Addresses.RENEWAL_RENEW, request);
    if (code == ErrorCode.INVALID_ARGUMENT && message.isEmpty()) {
      assertThat(error.code()).isIn(ErrorCode.NOT_FOUND, ErrorCode.INVALID_ARGUMENT);
    } else {
      assertThat(error.code()).isEqualTo(code);
      assertThat(error.getMessage()).contains(message);
    }
    assertThat(held(node, owner)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(records()).isEqualTo(records);
  }

  private static int records() throws Exception {
    return ask(node, Addresses.STORAGE_SCAN, StoreScan.newBuilder().setFamily(StoreFamily.NOTICES.dbName())
      .setPrefix(ByteString.copyFromUtf8("r/")).setLimit(1000).build(), StoreScanResult.class).getEntriesCount();
  }
}
