package org.juicetokens.token.transaction;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.token.proto.Token;
import org.juicetokens.token.transaction.proto.TxRole;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenReservationsTest {
  private static final ExchangeId FIRST = new ExchangeId("tx-1", TxRole.PAYER);
  private static final ExchangeId SECOND = new ExchangeId("tx-2", TxRole.PAYER);
  private static final List<Token> STORED = List.of(token("a"), token("b"), token("c"));

  @Test
  void reserved_tokens_are_not_available_to_another_plan_until_released() {
    TokenReservations reservations = new TokenReservations();
    reservations.reserve(FIRST, List.of("a", "c"));

    assertThat(reservations.available(STORED)).extracting(Token::getId).containsExactly("b");
    reservations.release(FIRST);
    assertThat(reservations.available(STORED)).extracting(Token::getId).containsExactly("a", "b", "c");
    assertThat(reservations.size()).isZero();
  }

  @Test
  void a_token_promised_to_one_exchange_cannot_be_promised_to_another() {
    TokenReservations reservations = new TokenReservations();
    reservations.reserve(FIRST, List.of("a"));

    assertThatThrownBy(() -> reservations.reserve(SECOND, List.of("b", "a")))
      .isInstanceOfSatisfying(JuiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
      .hasMessageContaining("tx-1");
    // nothing of the refused reservation stays ("b" is still free)
    assertThat(reservations.available(STORED)).extracting(Token::getId).containsExactly("b", "c");
    // the same exchange may reserve again (a repeated plan of one tx id)
    reservations.reserve(FIRST, List.of("a", "b"));
    assertThat(reservations.available(STORED)).extracting(Token::getId).containsExactly("c");
  }

  @Test
  void releasing_is_idempotent_and_leaves_other_exchanges_alone() {
    TokenReservations reservations = new TokenReservations();
    reservations.reserve(FIRST, List.of("a"));
    reservations.reserve(SECOND, List.of("b"));

    reservations.release(FIRST);
    reservations.release(FIRST);
    assertThat(reservations.available(STORED)).extracting(Token::getId).containsExactly("a", "c");
  }

  private static Token token(String id) {
    return Token.newBuilder().setId(id).setDenomination(10).build();
  }
}
