package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogSetupTest {
    @Test
    void setsUpWhatTheXmlConfigurationDid() {
        LoggerContext context = new LoggerContext();
        LogSetup.setUp(context, null);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("org.xbarsim").getLevel());
        assertEquals(Level.ERROR, context.getLogger("org.nd4j").getLevel());
        Appender<ILoggingEvent> a = root.getAppender("STDERR");
        ConsoleAppender<ILoggingEvent> console = assertInstanceOf(ConsoleAppender.class, a);
        assertEquals("System.err", console.getTarget());
        assertTrue(console.isStarted());
        PatternLayoutEncoder encoder = assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder());
        assertEquals("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n", encoder.getPattern());
        // a debug message of org.xbarsim is dropped at WARN
        assertFalse(context.getLogger("org.xbarsim.run").isDebugEnabled());
        context.stop();
    }

    @Test
    void readsTheLevelAsLogbacksXmlConfigurationDid() {
        assertEquals(Level.WARN, LogSetup.level(null));
        assertEquals(Level.DEBUG, LogSetup.level("debug"));
        assertEquals(Level.INFO, LogSetup.level(" INFO "));
        assertEquals(Level.ERROR, LogSetup.level("Error"));
        assertEquals(Level.DEBUG, LogSetup.level("loud"), "logback reads a name that is not a level as DEBUG");
        assertNull(LogSetup.level(""), "a blank level inherits the root's");
        assertNull(LogSetup.level("inherited"));
        assertNull(LogSetup.level("NULL"));
        LoggerContext context = new LoggerContext();
        LogSetup.setUp(context, "info");
        assertEquals(Level.INFO, context.getLogger("org.xbarsim").getEffectiveLevel());
        context.stop();
    }

    @Test
    void isRegisteredWithLogbacksServiceLoader() throws IOException {
        try (InputStream in = LogSetup.class.getClassLoader()
                .getResourceAsStream("META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertEquals(LogSetup.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
