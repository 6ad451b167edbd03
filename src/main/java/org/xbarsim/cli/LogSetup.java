package org.xbarsim.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The application's logging set-up, in code: warnings and errors to stderr (the commands print their
 * own results to stdout), {@code org.xbarsim} at {@code XBARSIM_LOG_LEVEL} (a system property or an
 * environment variable; default WARN), ND4J's warnings about its own op tables dropped. Logback finds
 * it through {@code META-INF/services}; reading the same set-up from a {@code logback.xml} started an
 * XML parser and logback's configuration model on every start (logback's start took 156-189 ms with
 * it, 122-130 ms without, with a class-data archive: docs/simulation.md, "Sixth pass"). A
 * configuration file named with {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on
 * the class path (the tests'), is left to logback's own configurators.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        setUp(context, setting("XBARSIM_LOG_LEVEL"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The set-up, with {@code org.xbarsim} at {@code xbarsimLevel} as {@link #level} reads it. */
    static void setUp(LoggerContext context, String xbarsimLevel) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger("org.xbarsim").setLevel(level(xbarsimLevel));
        context.getLogger("org.nd4j").setLevel(Level.ERROR);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
    }

    /** A system property, else an environment variable (logback's order for {@code ${NAME}}), else null. */
    private static String setting(String name) {
        String v = System.getProperty(name);
        return v != null ? v : System.getenv(name);
    }

    /**
     * {@code value} as logback's XML configuration read {@code level="${XBARSIM_LOG_LEVEL:-WARN}"}: WARN
     * when unset; null (the root's level) when blank, INHERITED or NULL; otherwise the level named in
     * any case, DEBUG for a name that is not a level.
     */
    static Level level(String value) {
        if (value == null) {
            return Level.WARN;
        }
        String v = value.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("INHERITED") || v.equalsIgnoreCase("NULL")) {
            return null;
        }
        return Level.toLevel(v);
    }
}
