package org.juicetokens.governance.metrics;

import org.juicetokens.testing.Promtool;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** conf/prometheus.yml and conf/alerts.yml as Prometheus reads them, and the alerts' unit tests (conf/alerts_test.yml). */
class PrometheusConfigTest {
  static final Path CONFIG = Path.of("conf", "prometheus.yml");
  static final Path ALERTS = Path.of("conf", "alerts.yml");

  @Test
  void the_scrape_configuration_is_valid_and_loads_the_alert_rules() throws Exception {
    assertThat(Promtool.assertConfigPasses(CONFIG)).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void the_alert_rules_are_valid() throws Exception {
    assertThat(Promtool.assertRulesPass(ALERTS)).contains("SUCCESS");
  }

  @Test
  void node_down_in_doubt_time_and_error_rate_alerts_fire_exactly_when_expected() throws Exception {
    assertThat(Promtool.assertRuleTestsPass(Path.of("conf", "alerts_test.yml"))).contains("SUCCESS");
  }
}
