package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TokenApply.renew_ids: the old token RENEWED and its replacement stored in one batch, or nothing. */
class LedgerRenewalTest {
  private static final long NOW = 1_000_000;

  private static Token token(String id, TokenState state, long expires) {
    return Token.newBuilder().setId(id).setOwnerId("alice").setDenomination(10).setState(state).setExpiresAtMs(expires).build();
  }

  private static TokenApply.Builder step(Token old, Token replacement) {
    return TokenApply.newBuilder().setOwnerId("alice").setTxId("rn-1").setSync(true).addRenewIds(old.getId()).addPutTokens(replacement);
  }

  @Test
  void an_expired_token_becomes_renewed_and_its_replacement_is_stored_with_index_markers_for_both() throws Exception {
    Token old = token("loc-r-10-001", TokenState.ACTIVE, NOW - 1);
    Token replacement = token("loc-r-10-002", TokenState.ACTIVE, NOW + 10_000);
    LedgerStep.Result result = LedgerStep.plan(step(old, replacement).build(),
      new LedgerStep.Loaded(Map.of(old.getId(), old), Map.of(), null, List.of()), NOW);

    assertThat(result.renewed()).extracting(Token::getState).containsExactly(TokenState.RENEWED);
    assertThat(result.stored()).extracting(Token::getId).containsExactly(replacement.getId());
    assertThat(result.gone()).extracting(Token::getId).contains(old.getId());
    assertThat(keys(result.batch().getWritesList())).contains("tok/alice/loc-r-10-001", "tok/alice/loc-r-10-002", "id/loc-r-10-002",
      "pix/loc-r-10-001", "pix/loc-r-10-002");
    StoreWrite oldWrite = result.batch().getWritesList().stream().filter(w -> w.getKey().toStringUtf8().equals("tok/alice/loc-r-10-001"))
      .findFirst().orElseThrow();
    assertThat(Token.parseFrom(oldWrite.getValue()).getState()).isEqualTo(TokenState.RENEWED);
  }

  @Test
  void a_token_already_renewed_or_locked_or_not_held_refuses_the_step() {
    Token replacement = token("loc-r-10-002", TokenState.ACTIVE, NOW + 10_000);
    for (Token old : List.of(token("loc-r-10-001", TokenState.RENEWED, NOW + 5), token("loc-r-10-001", TokenState.LOCKED, NOW + 5))) {
      assertThatThrownBy(() -> LedgerStep.plan(step(old, replacement).build(),
        new LedgerStep.Loaded(Map.of(old.getId(), old), Map.of(), null, List.of()), NOW))
        .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }
    Token absent = token("loc-r-10-001", TokenState.ACTIVE, NOW + 5);
    assertThatThrownBy(() -> LedgerStep.plan(step(absent, replacement).build(), new LedgerStep.Loaded(Map.of(), Map.of(), null, List.of()), NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.getMessage()).contains("not held"));
  }

  @Test
  void the_wissel_is_not_renewed_on_its_own() {
    Token wissel = token("loc-r-1-001", TokenState.ACTIVE, NOW + 5).toBuilder().setDenomination(1).setWissel(true).setWisselHundredths(80).build();
    assertThatThrownBy(() -> LedgerStep.plan(step(wissel, token("loc-r-1-002", TokenState.ACTIVE, NOW + 9)).build(),
      new LedgerStep.Loaded(Map.of(wissel.getId(), wissel), Map.of(), wissel, List.of()), NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  private static List<String> keys(List<StoreWrite> writes) {
    return writes.stream().map(w -> w.getKey().toStringUtf8()).toList();
  }
}
