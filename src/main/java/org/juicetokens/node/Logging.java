package org.juicetokens.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.juicetokens.node.config.NodeConfig;
import org.juicetokens.node.config.Settings;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/** Applies the log format (text|json) and level from the configuration, before the node logs anything. */
final class Logging {
  private Logging() {
  }

  static void configure(NodeConfig config) {
    System.setProperty("juice.log.format", config.string(Settings.LOG_FORMAT).toLowerCase(Locale.ROOT));
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    context.putProperty("juice.log.format", config.string(Settings.LOG_FORMAT).toLowerCase(Locale.ROOT));
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(Logging.class.getResource("/logback.xml"));
    } catch (JoranException e) {
      System.err.println("logging configuration failed: " + e.getMessage());
    }
    context.getLogger("org.juicetokens").setLevel(Level.toLevel(config.string(Settings.LOG_LEVEL), Level.INFO));
  }
}
