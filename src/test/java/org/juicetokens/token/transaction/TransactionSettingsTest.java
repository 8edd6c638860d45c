package org.juicetokens.token.transaction;

import org.juicetokens.node.config.ConfigException;
import org.juicetokens.node.config.NodeConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionSettingsTest {

  @Test
  void defaults_are_two_tokens_and_the_protocols_ideal_holding() {
    NodeConfig config = NodeConfig.of(Map.of());
    assertThat(TransactionSettings.tokenSelection(config).minTokensAfterPayment()).isEqualTo(2);
    IdealHolding ideal = TransactionSettings.idealHolding(config);
    assertThat(ideal.counts()).containsExactly(5, 5, 5, 5, 5, 4, 3, 2, 1);
    assertThat(ideal.denominations().values()).containsExactly(1, 2, 5, 10, 20, 50, 100, 200, 500);
  }

  @Test
  void settings_are_read_and_checked() {
    NodeConfig config = NodeConfig.of(Map.of("transaction.minTokensAfterPayment", "3", "token.denominations", "1,5",
      "transaction.idealHolding", "7,2"));
    assertThat(TransactionSettings.tokenSelection(config).minTokensAfterPayment()).isEqualTo(3);
    assertThat(TransactionSettings.idealHolding(config).idealOf(5)).isEqualTo(2);
    assertThatThrownBy(() -> NodeConfig.of(Map.of("transaction.minTokensAfterPayment", "-1")))
      .isInstanceOf(ConfigException.class).hasMessageContaining("an integer >= 0");
    assertThatThrownBy(() -> TransactionSettings.idealHolding(NodeConfig.of(Map.of("token.denominations", "1,5"))))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2 counts");
  }
}
