package org.juicetokens.token.creation;

import com.google.protobuf.ByteString;
import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.foundation.storage.StoreFamily;
import org.juicetokens.foundation.storage.proto.StoreWrite;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.proto.TokenApply;
import org.juicetokens.token.proto.TokenState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's one batch per exchange step: the tokens and the exchange's WAL record together, or nothing. */
class LedgerStepTest {
  private static final long NOW = 1_000_000;
  private static final StoreWrite WAL_RECORD = StoreWrite.newBuilder().setFamily(StoreFamily.WAL.dbName())
    .setKey(ByteString.copyFromUtf8("tx/t1/PAYER")).setValue(ByteString.copyFromUtf8("record")).build();

  private static Token token(String id, int denomination, TokenState state, String lockTx) {
    return Token.newBuilder().setId(id).setOwnerId("alice").setDenomination(denomination).setState(state).setLockTxId(lockTx)
      .setExpiresAtMs(NOW + 10_000).build();
  }

  private static Token wissel(int hundredths) {
    return token("loc-w-1-001", 1, TokenState.ACTIVE, "").toBuilder().setWissel(true).setWisselHundredths(hundredths).build();
  }

  private static TokenApply.Builder step() {
    return TokenApply.newBuilder().setOwnerId("alice").setTxId("t1").addWrites(WAL_RECORD).setSync(true);
  }

  private static LedgerStep.Loaded loaded(Map<String, Token> toLock, Token wissel) {
    return new LedgerStep.Loaded(toLock, Map.of(), wissel, List.of());
  }

  @Test
  void locking_writes_the_tokens_and_the_wal_record_in_one_synced_batch() {
    Token five = token("loc-r-5-001", 5, TokenState.ACTIVE, "");
    LedgerStep.Result result = LedgerStep.plan(step().addLockIds(five.getId()).build(), loaded(Map.of(five.getId(), five), null), NOW);

    assertThat(result.batch().getSync()).isTrue();
    assertThat(result.batch().getWritesList()).contains(WAL_RECORD);
    assertThat(result.batch().getWritesList()).anySatisfy(w -> {
      assertThat(w.getKey().toStringUtf8()).isEqualTo("tok/alice/loc-r-5-001");
      assertThat(parse(w).getState()).isEqualTo(TokenState.LOCKED);
      assertThat(parse(w).getLockTxId()).isEqualTo("t1");
    });
  }

  @Test
  void a_token_locked_by_another_tx_refuses_the_whole_step_so_neither_tokens_nor_record_are_written() {
    Token five = token("loc-r-5-001", 5, TokenState.LOCKED, "other");
    assertThatThrownBy(() -> LedgerStep.plan(step().addLockIds(five.getId()).build(), loaded(Map.of(five.getId(), five), null), NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThatThrownBy(() -> LedgerStep.plan(step().addLockIds("loc-r-5-002").build(), loaded(Map.of(), null), NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    Token expired = token("loc-r-5-003", 5, TokenState.ACTIVE, "").toBuilder().setExpiresAtMs(NOW).build();
    assertThatThrownBy(() -> LedgerStep.plan(step().addLockIds(expired.getId()).build(), loaded(Map.of(expired.getId(), expired), null), NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void the_wissel_is_locked_for_one_exchange_and_its_value_stays_within_0_to_199() {
    LedgerStep.Result locked = LedgerStep.plan(step().setLockWissel(true).setExpectedWisselDelta(-50).build(), loaded(Map.of(), wissel(100)), NOW);
    assertThat(locked.batch().getWritesList()).anySatisfy(w -> assertThat(w.getKey().toStringUtf8().startsWith("tok/") && parse(w)
      .getState() == TokenState.LOCKED).isTrue());

    assertThatThrownBy(() -> LedgerStep.plan(step().setLockWissel(true).setExpectedWisselDelta(150).build(), loaded(Map.of(), wissel(100)), NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThatThrownBy(() -> LedgerStep.plan(step().setWisselDeltaHundredths(-101).build(), loaded(Map.of(), wissel(100)), NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    Token lockedByOther = wissel(100).toBuilder().setState(TokenState.LOCKED).setLockTxId("other").build();
    assertThatThrownBy(() -> LedgerStep.plan(step().setWisselDeltaHundredths(10).build(), loaded(Map.of(), lockedByOther), NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));

    Token lockedByMe = wissel(100).toBuilder().setState(TokenState.LOCKED).setLockTxId("t1").build();
    LedgerStep.Result moved = LedgerStep.plan(step().setWisselDeltaHundredths(-50).setRelease(true).build(),
      new LedgerStep.Loaded(Map.of(), Map.of(), lockedByMe, List.of(lockedByMe)), NOW);
    assertThat(moved.reply().getWisselHundredths()).isEqualTo(50);
    assertThat(moved.batch().getWritesList()).anySatisfy(w -> {
      assertThat(w.getKey().toStringUtf8()).isEqualTo("tok/alice/loc-w-1-001");
      assertThat(parse(w).getState()).isEqualTo(TokenState.ACTIVE);
      assertThat(parse(w).getWisselHundredths()).isEqualTo(50);
    });
  }

  @Test
  void arriving_tokens_are_stored_active_in_the_owners_name_with_an_outbox_marker_and_a_first_one_becomes_the_wissel() {
    Token arriving = token("loc-r-1-009", 1, TokenState.LOCKED, "t1");
    LedgerStep.Result result = LedgerStep.plan(step().addPutTokens(arriving).build(), loaded(Map.of(), null), NOW);

    assertThat(result.stored()).singleElement().satisfies(t -> {
      assertThat(t.getState()).isEqualTo(TokenState.ACTIVE);
      assertThat(t.getLockTxId()).isEmpty();
      assertThat(t.getWissel()).isTrue();
    });
    assertThat(result.batch().getWritesList()).extracting(w -> w.getKey().toStringUtf8())
      .contains("tok/alice/loc-r-1-009", "id/loc-r-1-009", "pix/loc-r-1-009", "wis/alice", "tx/t1/PAYER");
    Token foreign = arriving.toBuilder().setOwnerId("bob").build();
    assertThatThrownBy(() -> LedgerStep.plan(step().addPutTokens(foreign).build(), loaded(Map.of(), null), NOW))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void a_removed_token_keeps_its_id_key_when_it_already_names_its_next_owner() {
    LedgerStep.Result result = LedgerStep.plan(step().addRemoveIds("loc-r-5-001").addRemoveIds("loc-r-5-002").build(),
      new LedgerStep.Loaded(Map.of(), Map.of("loc-r-5-001", "alice", "loc-r-5-002", "bob"), null, List.of()), NOW);

    assertThat(result.batch().getWritesList()).filteredOn(StoreWrite::getDelete).extracting(w -> w.getKey().toStringUtf8())
      .containsExactlyInAnyOrder("tok/alice/loc-r-5-001", "id/loc-r-5-001", "tok/alice/loc-r-5-002");
  }

  private static Token parse(StoreWrite w) {
    try {
      return Token.parseFrom(w.getValue());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
