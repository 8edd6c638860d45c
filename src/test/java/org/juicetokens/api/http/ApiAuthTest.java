package org.juicetokens.api.http;

import io.vertx.core.http.HttpMethod;
import org.juicetokens.api.v1.NodeServiceGrpcService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiAuthTest {
  @Test
  void without_a_token_everything_is_accepted() {
    ApiAuth auth = ApiAuth.of("");
    assertThat(auth.enabled()).isFalse();
    assertThat(auth.accepts(null)).isTrue();
    assertThat(auth.accepts("Bearer anything")).isTrue();
  }

  @Test
  void with_a_token_only_the_exact_bearer_is_accepted() {
    ApiAuth auth = ApiAuth.of("s3cret");
    assertThat(auth.enabled()).isTrue();
    assertThat(auth.accepts("Bearer s3cret")).isTrue();
    assertThat(auth.accepts("  Bearer s3cret ")).isTrue();
    assertThat(auth.accepts(null)).isFalse();
    assertThat(auth.accepts("")).isFalse();
    assertThat(auth.accepts("s3cret")).isFalse();
    assertThat(auth.accepts("Bearer s3cret2")).isFalse();
    assertThat(auth.accepts("Bearer s3cre")).isFalse();
    assertThat(auth.accepts("Basic s3cret")).isFalse();
  }

  @Test
  void mutating_methods_are_the_writing_http_verbs() {
    assertThat(ApiAuth.mutating(HttpMethod.PUT)).isTrue();
    assertThat(ApiAuth.mutating(HttpMethod.POST)).isTrue();
    assertThat(ApiAuth.mutating(HttpMethod.PATCH)).isTrue();
    assertThat(ApiAuth.mutating(HttpMethod.DELETE)).isTrue();
    assertThat(ApiAuth.mutating(HttpMethod.GET)).isFalse();
    assertThat(ApiAuth.mutating(HttpMethod.HEAD)).isFalse();
  }

  @Test
  void mutating_grpc_methods_come_from_the_http_rules_of_the_proto() {
    assertThat(ApiAuth.mutatingGrpcPaths(NodeServiceGrpcService.all())).containsExactlyInAnyOrder(
      "/juicetokens.api.v1.NodeService/PutDhtValue", "/juicetokens.api.v1.NodeService/DeleteDhtValue");
  }
}
