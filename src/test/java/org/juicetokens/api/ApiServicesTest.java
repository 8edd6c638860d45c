package org.juicetokens.api;

import org.juicetokens.api.v1.DiscoveryServiceService;
import org.juicetokens.api.v1.NodeServiceService;
import org.juicetokens.api.v1.TrustServiceService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiServicesTest {
  private final NodeServiceService node = new NodeServiceService();
  private final DiscoveryServiceService discovery = new DiscoveryServiceService();

  @Test
  void services_not_given_to_the_builder_stay_absent() {
    TrustServiceService trust = new TrustServiceService();

    ApiServices services = ApiServices.builder(node, discovery).trust(trust).build();

    assertThat(services.node()).isSameAs(node);
    assertThat(services.discovery()).isSameAs(discovery);
    assertThat(services.trust()).isSameAs(trust);
    assertThat(services.transport()).isNull();
    assertThat(services.identity()).isNull();
    assertThat(services.tokens()).isNull();
    assertThat(services.transactions()).isNull();
    assertThat(services.chains()).isNull();
    assertThat(services.eggs()).isNull();
    assertThat(services.renewals()).isNull();
  }

  @Test
  void a_bundle_without_the_node_or_discovery_service_is_refused() {
    assertThatThrownBy(() -> ApiServices.builder(null, discovery).build()).isInstanceOf(NullPointerException.class)
      .hasMessage("node");
    assertThatThrownBy(() -> ApiServices.builder(node, null).build()).isInstanceOf(NullPointerException.class)
      .hasMessage("discovery");
  }
}
