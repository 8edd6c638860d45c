package org.juicetokens.node.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  void defaults_give_a_single_node_on_8080_with_data_under_the_node_id() {
    NodeConfig config = ConfigLoader.load(null, Map.of(), Map.of("node.id", "n1"));
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.clusterMembers()).isEmpty();
    assertThat(config.nodeDataDir()).isEqualTo(Path.of("./data/n1"));
    assertThat(config.list(Settings.NTP_SERVERS)).isEmpty();
  }

  @Test
  void file_then_environment_then_flags_each_override_the_previous() throws Exception {
    Path file = dir.resolve("node.json");
    Files.writeString(file, "{\"node\": {\"id\": \"from-file\"}, \"http\": {\"port\": 8081}, \"cluster\": {\"name\": \"f\", \"members\": [\"h1:5701\", \"h2:5702\"]}}");
    NodeConfig config = ConfigLoader.load(file,
      Map.of("JT_HTTP_PORT", "8082", "JT_CLUSTER_NAME", "from-env"),
      Map.of("cluster.name", "from-flag"));
    assertThat(config.nodeId()).isEqualTo("from-file");
    assertThat(config.httpPort()).isEqualTo(8082);
    assertThat(config.string(Settings.CLUSTER_NAME)).isEqualTo("from-flag");
    assertThat(config.clusterMembers()).containsExactly("h1:5701", "h2:5702");
  }

  @Test
  void a_bad_number_names_the_key_the_variable_and_the_expected_form() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("JT_HTTP_PORT", "eighty"), Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessage("invalid configuration: http.port (JT_HTTP_PORT, from environment) = 'eighty': expected an integer 0-65535 (0 = any free port)");
  }

  @Test
  void out_of_range_values_and_malformed_members_are_refused() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("JT_HTTP_PORT", "70000"), Map.of()))
      .hasMessageContaining("http.port");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("JT_CLUSTER_MEMBERS", "127.0.0.1:5701-5703"), Map.of()))
      .hasMessageContaining("cluster.members").hasMessageContaining("host:port");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("node.id", "bad id!")))
      .hasMessageContaining("node.id");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("JT_LOG_FORMAT", "xml"), Map.of()))
      .hasMessageContaining("log.format");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("JT_REQUEST_TIMEOUT_MS", "0"), Map.of()))
      .hasMessageContaining("node.requestTimeoutMs");
  }

  @Test
  void unknown_keys_and_broken_files_are_refused_with_the_file_named() throws Exception {
    Path file = dir.resolve("node.json");
    Files.writeString(file, "{\"http\": {\"prot\": 1}}");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
      .hasMessageContaining("unknown key 'http.prot'").hasMessageContaining(file.toString());
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
      .hasMessageContaining("is not a JSON object");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.json"), Map.of(), Map.of()))
      .hasMessageContaining("cannot read config file");
  }

  @Test
  void secrets_are_masked_when_printed() {
    NodeConfig config = ConfigLoader.load(null, Map.of("JT_API_TOKEN", "s3cr3t-token"), Map.of());
    assertThat(config.toMaskedJson().encode()).doesNotContain("s3cr3t-token").contains("\"api.token\":\"****\"");
    assertThat(config.string(Settings.API_TOKEN)).isEqualTo("s3cr3t-token");
  }

  @Test
  void every_setting_has_a_distinct_environment_variable_and_a_parseable_default() {
    List<Setting> all = Settings.all();
    assertThat(all.stream().map(Setting::env).distinct().count()).isEqualTo(all.size());
    assertThat(all).allSatisfy(s -> assertThat(s.env()).startsWith("JT_"));
    NodeConfig defaults = NodeConfig.of(Map.of());
    assertThat(defaults.nodeId()).matches("[A-Za-z0-9_-]{1,64}");
  }
}
