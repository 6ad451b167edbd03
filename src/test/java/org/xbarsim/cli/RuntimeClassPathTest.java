package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The run time class path the build writes for the launcher (target/runtime-classpath.txt). picocli's
 * jar heads it: its Java 5 classes are loaded from the jar on every start (no class-data archive holds
 * them), and the JVM opens the class path's jars in order until it finds them (docs/speed.md, "Start-up").
 */
class RuntimeClassPathTest {
    @Test
    void picocliHeadsTheRunTimeClassPath() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String[] jars = Files.readString(classes.getParent().resolve("runtime-classpath.txt")).strip().split(File.pathSeparator);
        String first = Path.of(jars[0]).getFileName().toString();
        assertTrue(first.startsWith("picocli-") && first.endsWith(".jar"), "the class path starts with " + jars[0]);
    }
}
