package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xbarsim bench} in a JVM of its own. */
class BenchCommandTest {
    /**
     * A bench that only simulates runs on simulate's runtime (Java 25 where installed), which must not
     * need ND4J or JavaCPP: initializing JavaCPP's Loader loads a native library, and Java 24 and later
     * print warnings on stderr for it. The classes the JVM loaded say whether they were touched.
     */
    @Test
    void aSimulationBenchLoadsNeitherNd4jNorJavaCpp(@TempDir Path dir) throws Exception {
        Path classLog = dir.resolve("classes.log");
        XbarsimProcess.Result r = XbarsimProcess.in(dir).jvmOptions("-Xlog:class+load=info:file=" + classLog)
                .run(List.of("bench", "--case", "sim-vgg16", "--param", "width=8", "--repeat", "1", "--warmup", "0",
                        "--warmup-seconds", "0", "--quiet"), 120);
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("runtime: Java " + System.getProperty("java.version")), r.stdout());
        assertTrue(r.stdout().contains("sim-vgg16: ") && r.stdout().contains("wall-seconds"), r.stdout());
        List<String> loaded = Files.readAllLines(classLog);
        assertTrue(loaded.stream().anyMatch(l -> l.contains("org.xbarsim.bench.SimulationBench ")), "the log names the classes");
        assertFalse(loaded.stream().anyMatch(l -> l.contains("org.bytedeco.javacpp.Loader ")),
                "JavaCPP's Loader was loaded");
        assertFalse(loaded.stream().anyMatch(l -> l.contains("org.nd4j.linalg.factory.Nd4j ")), "ND4J was loaded");
        assertEquals("", r.stderr());
    }
}
