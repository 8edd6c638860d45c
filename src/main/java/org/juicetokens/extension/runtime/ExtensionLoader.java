package org.juicetokens.extension.runtime;

import org.juicetokens.common.ErrorCode;
import org.juicetokens.common.JuiceException;
import org.juicetokens.extension.proto.ExtensionManifest;
import org.juicetokens.extension.spi.JuiceExtension;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds and instantiates a manifest's entry class: on the node's class path (jar empty) or in the
 * named jar of the extensions directory, through a class loader of its own whose parent is the
 * node's (parent first: the SPI and the node's libraries are the node's; a class also on the node's
 * class path is the node's). Refuses with a reason: jar missing, class missing, not a
 * JuiceExtension, abstract, no public no-argument constructor, constructor failed. Blocking (file
 * and class loading): call it off the event loop.
 */
public final class ExtensionLoader {
  /** A plain file name: no directory part, so a manifest cannot reach outside the extensions directory. */
  private static final Pattern JAR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.jar");

  private final Path dir;
  private final ClassLoader parent;

  public ExtensionLoader(Path dir, ClassLoader parent) {
    this.dir = dir;
    this.parent = parent;
  }

  /** The instance, with the jar's class loader to close when the extension stops (empty for the class path). */
  public record Loaded(JuiceExtension extension, Optional<URLClassLoader> loader) {
    public void close() {
      loader.ifPresent(l -> {
        try {
          l.close();
        } catch (IOException e) {
          // nothing left to do: the loader's jar handle is released by the GC at worst
        }
      });
    }
  }

  public Loaded load(ExtensionManifest manifest) {
    String entry = manifest.getEntryClass();
    if (entry.isBlank()) {
      throw refused(manifest, "has no entry_class");
    }
    if (manifest.getJar().isBlank()) {
      return new Loaded(instantiate(manifest, parent, "the node's class path"), Optional.empty());
    }
    URLClassLoader loader = jarLoader(manifest);
    try {
      return new Loaded(instantiate(manifest, loader, "jar " + manifest.getJar()), Optional.of(loader));
    } catch (RuntimeException e) {
      new Loaded(null, Optional.of(loader)).close();
      throw e;
    }
  }

  private URLClassLoader jarLoader(ExtensionManifest manifest) {
    String jar = manifest.getJar();
    if (!JAR_NAME.matcher(jar).matches()) {
      throw refused(manifest, "names jar '" + jar + "': a plain file name ending in .jar is expected");
    }
    Path file = dir.resolve(jar);
    if (!Files.isRegularFile(file)) {
      throw new JuiceException(ErrorCode.NOT_FOUND, "extension " + manifest.getId() + ": jar " + jar + " not found in " + dir);
    }
    try {
      return new URLClassLoader("extension-" + manifest.getId(), new URL[] {file.toUri().toURL()}, parent);
    } catch (MalformedURLException e) {
      throw refused(manifest, "jar path " + file + " is not usable: " + e.getMessage());
    }
  }

  private static JuiceExtension instantiate(ExtensionManifest manifest, ClassLoader loader, String where) {
    String entry = manifest.getEntryClass();
    Class<?> type;
    try {
      type = Class.forName(entry, true, loader);
    } catch (ClassNotFoundException e) {
      throw new JuiceException(ErrorCode.NOT_FOUND, "extension " + manifest.getId() + ": entry class " + entry + " not found in " + where);
    } catch (LinkageError e) {
      throw refused(manifest, "entry class " + entry + " cannot be loaded from " + where + ": " + e);
    }
    if (!JuiceExtension.class.isAssignableFrom(type)) {
      throw refused(manifest, "entry class " + entry + " does not implement " + JuiceExtension.class.getName());
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw refused(manifest, "entry class " + entry + " is abstract");
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw refused(manifest, "entry class " + entry + " has no public no-argument constructor");
    }
    try {
      return (JuiceExtension) constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw refused(manifest, "constructor of " + entry + " failed: " + e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw refused(manifest, "entry class " + entry + " cannot be instantiated: " + e);
    }
  }

  private static JuiceException refused(ExtensionManifest manifest, String why) {
    return JuiceException.invalidArgument("extension " + manifest.getId() + ": " + why);
  }
}
