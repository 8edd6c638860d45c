package org.juicetokens.deploy;

import org.juicetokens.node.config.Setting;
import org.juicetokens.node.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile's structure (no engine here to build it): a Maven Wrapper build stage, a JRE 17
 * runtime stage with the shaded jar only, a non-root user, the data volume, a health check that
 * fails on a DOWN node, JVM flags sized for containers, and a .dockerignore that keeps build
 * output and data out of the context but not the sources.
 */
class DockerfileTest {
  static final Path DOCKERFILE = Path.of("Dockerfile");

  /** The Dockerfile's instructions, continuation lines joined, comments and blank lines dropped. */
  static List<String> instructions(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      out.add(current.toString().replaceAll("\\s+", " ").trim());
      current.setLength(0);
    }
    return out;
  }

  /** The instructions of the last stage (the image that runs). */
  private static List<String> runtimeStage() throws IOException {
    List<String> all = instructions(DOCKERFILE);
    int lastFrom = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("FROM ")) {
        lastFrom = i;
      }
    }
    return all.subList(lastFrom, all.size());
  }

  private static String first(List<String> instructions, String keyword) {
    return instructions.stream().filter(i -> i.startsWith(keyword + " ")).findFirst()
      .orElseThrow(() -> new AssertionError("no " + keyword + " in the runtime stage"));
  }

  @Test
  void builds_with_the_maven_wrapper_in_a_named_stage_and_runs_on_a_jre_17() throws Exception {
    List<String> all = instructions(DOCKERFILE);
    List<String> froms = all.stream().filter(i -> i.startsWith("FROM ")).toList();
    assertThat(froms).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
    assertThat(froms.get(0)).matches("FROM \\S*17\\S* AS build");
    assertThat(all).anyMatch(i -> i.startsWith("RUN ") && i.contains("./mvnw -B -DskipTests package"));
    assertThat(all).as("~/.m2 cached across builds").anyMatch(i -> i.contains("--mount=type=cache,target=/root/.m2"));
    assertThat(runtimeStage().get(0)).matches("FROM eclipse-temurin:17-jre\\S*");
  }

  @Test
  void the_runtime_image_holds_the_shaded_jar_the_pom_builds() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
    assertThat(finalName.find()).as("shade finalName in pom.xml").isTrue();
    assertThat(instructions(DOCKERFILE)).anyMatch(i -> i.contains("target/" + finalName.group(1) + ".jar"));
    String copy = runtimeStage().stream().filter(i -> i.startsWith("COPY --from=build ")).findFirst().orElseThrow();
    String jar = copy.substring(copy.lastIndexOf(' ') + 1);
    assertThat(first(runtimeStage(), "ENTRYPOINT")).contains("-jar " + jar);
    assertThat(first(runtimeStage(), "CMD")).isEqualTo("CMD [\"node\"]");
  }

  @Test
  void the_node_runs_as_a_non_root_user() throws Exception {
    List<String> users = runtimeStage().stream().filter(i -> i.startsWith("USER ")).toList();
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).substring("USER ".length()).trim();
    assertThat(user).isNotIn("root", "0", "0:0");
    assertThat(runtimeStage()).anyMatch(i -> i.startsWith("RUN ") && i.contains("useradd") && i.contains(user));
  }

  @Test
  void data_lives_in_the_app_data_volume_the_node_is_pointed_at() throws Exception {
    assertThat(runtimeStage()).contains("VOLUME /app/data");
    assertThat(first(runtimeStage(), "ENV")).contains("JT_DATA_DIR=/app/data");
    assertThat(runtimeStage()).as("the volume belongs to the node's user")
      .anyMatch(i -> i.startsWith("RUN ") && i.contains("chown juice:juice /app/data"));
  }

  @Test
  void the_health_check_asks_health_and_fails_on_a_down_node() throws Exception {
    String check = first(runtimeStage(), "HEALTHCHECK");
    assertThat(check).contains("--interval=30s", "--timeout=10s", "--start-period=10s", "--retries=3");
    // curl -f turns the 503 of a DOWN node into a failure
    assertThat(check).contains("CMD curl -fsS").contains("/health");
    assertThat(runtimeStage()).as("curl is installed in the runtime image")
      .anyMatch(i -> i.startsWith("RUN ") && i.contains("apt-get install") && i.contains(" curl"));
  }

  @Test
  void the_jvm_is_sized_from_the_container_and_exits_on_out_of_memory() throws Exception {
    String env = first(runtimeStage(), "ENV");
    assertThat(env).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(first(runtimeStage(), "ENTRYPOINT")).contains("exec java $JT_JAVA_OPTS");
  }

  @Test
  void every_jt_variable_of_the_image_is_a_setting_or_the_jvm_options_bin_juice_reads() throws Exception {
    Set<String> known = Settings.all().stream().map(Setting::env).collect(Collectors.toCollection(HashSet::new));
    assertThat(Files.readString(Path.of("bin", "juice"))).contains("JT_JAVA_OPTS");
    known.add("JT_JAVA_OPTS");
    Matcher m = Pattern.compile("\\b(JT_[A-Z0-9_]+)=").matcher(String.join("\n", instructions(DOCKERFILE)));
    List<String> unknown = new ArrayList<>();
    while (m.find()) {
      if (!known.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void the_build_context_leaves_out_build_output_data_and_git_but_not_the_sources() throws Exception {
    List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream()
      .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
      .map(l -> l.endsWith("/") ? l.substring(0, l.length() - 1) : l).toList();
    assertThat(ignored).contains("target", "data", ".git");
    assertThat(ignored).doesNotContainAnyElementsOf(List.of("src", "webroot", "pom.xml", "mvnw", ".mvn", "scripts", "conf"));
  }
}
