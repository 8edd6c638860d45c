package org.juicetokens.deploy;

import org.juicetokens.node.config.ConfigLoader;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Setting;
import org.juicetokens.node.config.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.juicetokens.deploy.ComposeFile.map;
import static org.juicetokens.deploy.ComposeFile.strings;

/**
 * The structure of docker-compose.yml, checked on every build (no Docker engine needed): the
 * services, volumes, health checks, restart policy, published ports, and an environment that the
 * node really reads and that forms one cluster by service name. DockerComposeConfigTest adds
 * Compose's own validation where a Compose client is installed.
 */
class DockerComposeFileTest {
  static final Path COMPOSE = Path.of("docker-compose.yml");
  static final List<String> NODES = List.of("node1", "node2", "node3");

  static ComposeFile compose;

  @BeforeAll
  static void read() throws Exception {
    compose = ComposeFile.read(COMPOSE);
  }

  @Test
  void defines_three_nodes_prometheus_and_the_network_simulation_tool() {
    assertThat(compose.services()).containsOnlyKeys("node1", "node2", "node3", "prometheus", "netsim");
  }

  @Test
  void every_node_runs_the_image_of_the_projects_dockerfile_with_a_restart_policy() {
    for (String node : NODES) {
      Map<String, Object> build = map(compose.service(node).get("build"));
      assertThat(build.get("context")).as(node + " build context").isEqualTo(".");
      assertThat(Path.of(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")))).as(node + " Dockerfile").isRegularFile();
      assertThat(compose.service(node).get("restart")).as(node + " restart policy")
        .isIn("always", "unless-stopped", "on-failure");
    }
  }

  @Test
  void every_node_has_its_host_name_on_one_user_defined_network() {
    Map<String, Object> networks = map(compose.root().get("networks"));
    for (String node : NODES) {
      Map<String, Object> service = compose.service(node);
      assertThat(service.get("hostname")).isEqualTo(node);
      List<String> joined = strings(service.get("networks"));
      assertThat(joined).as(node + " networks").hasSize(1);
      assertThat(networks).as("top-level networks").containsKey(joined.get(0));
      assertThat(map(networks.get(joined.get(0))).getOrDefault("driver", "bridge")).isEqualTo("bridge");
    }
    assertThat(compose.service("prometheus").get("networks")).isEqualTo(compose.service("node1").get("networks"));
  }

  @Test
  void every_node_keeps_its_data_in_a_named_volume_of_its_own() {
    Map<String, Object> declared = map(compose.root().get("volumes"));
    Set<String> used = new HashSet<>();
    for (String node : NODES) {
      String dataDir = compose.environment(node).get("JT_DATA_DIR");
      List<String> mounts = strings(compose.service(node).get("volumes")).stream()
        .filter(v -> v.split(":")[1].equals(dataDir)).toList();
      assertThat(mounts).as(node + " mounts of " + dataDir).hasSize(1);
      String volume = mounts.get(0).split(":")[0];
      assertThat(declared).as("named volume " + volume).containsKey(volume);
      assertThat(used.add(volume)).as(volume + " is used by one node only").isTrue();
    }
    assertThat(dataDirOfImage()).isEqualTo("/app/data");
    NODES.forEach(node -> assertThat(compose.environment(node)).containsEntry("JT_DATA_DIR", dataDirOfImage()));
  }

  @Test
  void node_health_checks_ask_health_every_30s_with_10s_timeout_3_retries_and_10s_start_period() {
    for (String node : NODES) {
      Map<String, Object> check = map(compose.service(node).get("healthcheck"));
      assertThat(check.get("interval")).as(node).isEqualTo("30s");
      assertThat(check.get("timeout")).as(node).isEqualTo("10s");
      assertThat(check.get("retries")).as(node).isEqualTo(3);
      assertThat(check.get("start_period")).as(node).isEqualTo("10s");
      List<String> test = strings(check.get("test"));
      // curl -f fails on the 503 a DOWN node answers; the URL is the node's own HTTP port
      assertThat(test).as(node + " health test").contains("CMD", "curl", "-fsS")
        .anyMatch(a -> a.endsWith(":" + compose.environment(node).get("JT_HTTP_PORT") + "/health"));
    }
  }

  @Test
  void each_node_publishes_its_http_port_on_a_host_port_of_its_own() {
    Set<String> hostPorts = new HashSet<>();
    for (String node : NODES) {
      List<String> ports = strings(compose.service(node).get("ports"));
      assertThat(ports).as(node + " ports").hasSize(1);
      String[] parts = ports.get(0).split(":");
      assertThat(parts[parts.length - 1]).as(node + " container port").isEqualTo(compose.environment(node).get("JT_HTTP_PORT"));
      assertThat(hostPorts.add(parts[parts.length - 2])).as(node + " host port is its own").isTrue();
    }
    assertThat(strings(compose.service("prometheus").get("ports"))).anyMatch(p -> p.endsWith("9090:9090"));
  }

  @Test
  void the_readme_sends_people_to_the_consoles_on_the_published_ports() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (String node : NODES) {
      String[] parts = strings(compose.service(node).get("ports")).get(0).split(":");
      assertThat(readme).as("README link to the console of " + node)
        .contains("<http://localhost:" + parts[parts.length - 2] + "/admin/>");
    }
  }

  @Test
  void every_jt_variable_in_the_file_is_a_setting_the_node_reads() {
    Set<String> known = Settings.all().stream().map(Setting::env).collect(Collectors.toSet());
    List<String> unknown = new ArrayList<>();
    for (String service : compose.services().keySet()) {
      compose.environment(service).keySet().stream()
        .filter(k -> k.startsWith("JT_") && !known.contains(k))
        .forEach(k -> unknown.add(service + ": " + k));
    }
    assertThat(unknown).as("JT_ variables that no setting declares").isEmpty();
  }

  @Test
  void each_nodes_environment_is_a_valid_configuration_that_joins_the_others_by_service_name() {
    Set<String> clusterNames = new HashSet<>();
    for (String node : NODES) {
      NodeConfig config = ConfigLoader.load(null, compose.environment(node), Map.of());
      assertThat(config.nodeId()).isEqualTo(node);
      assertThat(config.string(Settings.LOG_FORMAT)).isEqualTo("json");
      assertThat(config.string(Settings.CLUSTER_HOST)).as("Hazelcast binds to the service's own name").isEqualTo(node);
      assertThat(config.string(Settings.TRANSPORT_ADVERTISED_HOST)).as("pipe endpoint host").isEqualTo(node);
      for (String other : NODES) {
        int port = ConfigLoader.load(null, compose.environment(other), Map.of()).integer(Settings.CLUSTER_PORT);
        assertThat(config.clusterMembers()).as(node + " joins " + other).contains(other + ":" + port);
      }
      assertThat(config.list(Settings.TRANSPORT_PEERS)).as(node + " discovers peers by DNS name").containsAll(NODES);
      assertThat(config.integer(Settings.CLUSTER_EVENT_BUS_PORT)).as("a fixed event-bus port").isPositive();
      clusterNames.add(config.string(Settings.CLUSTER_NAME));
    }
    assertThat(clusterNames).as("one cluster").hasSize(1);
  }

  @Test
  void prometheus_loads_the_projects_scrape_config_and_alerts_and_scrapes_every_node() throws Exception {
    List<String> volumes = strings(compose.service("prometheus").get("volumes"));
    assertThat(volumes).contains("./conf/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
      "./conf/alerts.yml:/etc/prometheus/alerts.yml:ro");
    assertThat(strings(compose.service("prometheus").get("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
    assertThat(map(compose.root().get("volumes"))).containsKey("prometheus-data");

    Map<String, Object> prometheus = ComposeFile.yaml(Path.of("conf", "prometheus.yml"));
    // alerts.yml is mounted beside prometheus.yml, where its relative rule_files entry points
    assertThat(strings(prometheus.get("rule_files"))).containsExactly("alerts.yml");
    Set<String> targets = new HashSet<>();
    for (Object job : (List<?>) prometheus.get("scrape_configs")) {
      for (Object sc : (List<?>) map(job).get("static_configs")) {
        targets.addAll(strings(map(sc).get("targets")));
      }
    }
    Set<String> nodes = NODES.stream().map(n -> n + ":" + compose.environment(n).get("JT_HTTP_PORT")).collect(Collectors.toSet());
    assertThat(targets).isEqualTo(nodes);
  }

  @Test
  void netsim_enters_a_nodes_network_namespace_with_net_admin() throws Exception {
    Map<String, Object> netsim = compose.service("netsim");
    assertThat(strings(netsim.get("cap_add"))).contains("NET_ADMIN");
    String mode = String.valueOf(netsim.get("network_mode"));
    assertThat(mode).startsWith("service:");
    assertThat(NODES).as("netsim's default target").contains(mode.substring("service:".length()));
    assertThat(compose.environment("netsim").get("NETSIM_TARGET")).isEqualTo(mode.substring("service:".length()));
    assertThat(String.join(" ", NODES)).isEqualTo(compose.environment("netsim").get("NETSIM_NODES"));
    // a tool run on demand (docker compose run --rm netsim ...), not started by `up`
    assertThat(strings(netsim.get("profiles"))).isNotEmpty();
    Path dockerfile = Path.of(String.valueOf(map(netsim.get("build")).get("dockerfile")));
    String text = Files.readString(dockerfile);
    assertThat(text).contains("iproute2", "iptables", "scripts/netsim.sh");
    assertThat(Path.of("scripts", "netsim.sh")).isRegularFile();
    assertThat(strings(netsim.get("volumes"))).anyMatch(v -> v.endsWith(":/var/lib/netsim"));
  }

  private static String dataDirOfImage() {
    try {
      return DockerfileTest.instructions(Path.of("Dockerfile")).stream()
        .filter(i -> i.startsWith("VOLUME ")).map(i -> i.substring("VOLUME ".length()).trim())
        .findFirst().orElseThrow();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
