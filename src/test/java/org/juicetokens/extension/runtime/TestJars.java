package org.juicetokens.extension.runtime;

import io.vertx.core.Future;
import org.juicetokens.extension.runtime.testext.TestSinks;
import org.juicetokens.extension.spi.JuiceExtension;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds a tiny extension jar in a test: compiles a class that is NOT on the test class path and packs it. */
final class TestJars {
  static final String CLASS = "jarext.JarExtension";
  private static final String SOURCE = """
    package jarext;

    import io.vertx.core.Future;
    import org.juicetokens.extension.runtime.testext.TestSinks;
    import org.juicetokens.extension.spi.ExtensionContext;
    import org.juicetokens.extension.spi.HookEvent;
    import org.juicetokens.extension.spi.JuiceExtension;

    public class JarExtension implements JuiceExtension {
      private String id;

      public Future<Void> start(ExtensionContext context) {
        id = context.extensionId();
        TestSinks.note(id, "loaded by " + getClass().getClassLoader().getName());
        return Future.succeededFuture();
      }

      public Future<Void> onEvent(HookEvent event) {
        TestSinks.event(id, event);
        return Future.succeededFuture();
      }
    }
    """;

  private TestJars() {
  }

  /** Writes {@code dir/name} holding jarext.JarExtension. */
  static Path extensionJar(Path dir, String name) throws Exception {
    Path src = Files.createTempDirectory("jarext-src");
    Path out = Files.createTempDirectory("jarext-classes");
    Path file = src.resolve("jarext/JarExtension.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, SOURCE);
    String classPath = Stream.of(JuiceExtension.class, Future.class, TestSinks.class).map(TestJars::location)
      .collect(Collectors.joining(java.io.File.pathSeparator));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", out.toString(), "-cp", classPath, file.toString());
    if (rc != 0) {
      throw new IllegalStateException("javac failed: " + rc);
    }
    Files.createDirectories(dir);
    Path jar = dir.resolve(name);
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
      jos.putNextEntry(new JarEntry("jarext/JarExtension.class"));
      jos.write(Files.readAllBytes(out.resolve("jarext/JarExtension.class")));
      jos.closeEntry();
    }
    return jar;
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
