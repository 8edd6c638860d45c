package org.juicetokens.transport.discovery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapPeersTest {

  @Test
  void ws_urls_are_static_and_host_names_are_dns_with_the_http_port_by_default() {
    BootstrapPeers peers = BootstrapPeers.parse(List.of("ws://10.0.0.2:8081/pipe", "node2", "node3:9000", "wss://p.example/pipe"), 8080);

    assertThat(peers.endpoints()).extracting(BootstrapPeers.StaticEndpoint::endpoint)
      .containsExactly("ws://10.0.0.2:8081/pipe", "wss://p.example/pipe");
    assertThat(peers.endpoints().get(1).port()).isEqualTo(443);
    assertThat(peers.names()).containsExactly(new BootstrapPeers.DnsName("node2", 8080), new BootstrapPeers.DnsName("node3", 9000));
  }

  @Test
  void an_entry_that_is_neither_is_refused_naming_it() {
    assertThatThrownBy(() -> BootstrapPeers.parse(List.of("http://x:1/pipe"), 8080)).hasMessageContaining("http://x:1/pipe");
    assertThatThrownBy(() -> BootstrapPeers.parse(List.of("node2:99999"), 8080)).hasMessageContaining("node2:99999");
    assertThatThrownBy(() -> BootstrapPeers.parse(List.of("no spaces"), 8080)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ipv6_addresses_are_bracketed_in_endpoints() {
    assertThat(BootstrapPeers.pipeEndpoint("::1", 8080)).isEqualTo("ws://[::1]:8080/pipe");
  }
}
