package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceStreamingTest {
    @TempDir
    Path dir;

    /**
     * Writes, reads and summarizes 4 million records in a child JVM limited to a 32 MB heap:
     * the records alone would take over 100 MB as objects, so this passes only if nothing holds them.
     */
    @Test
    void millionsOfRecordsStreamThroughASmallHeap() throws Exception {
        Path file = dir.resolve("big.xbt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                StreamingProbe.class.getName(), file.toString(), "4000000", "false")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe finished in time");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        String[] parts = out.split("\\s+");
        assertEquals("4000000", parts[parts.length - 2], out);
    }

    /** The writer's own memory (its objects and arrays) does not grow with the records written. */
    @Test
    void writerRetainsTheSameBytesAfterOneAndAfterManyRecords() {
        TraceHeader h = TraceFixtures.smallHeader();
        TraceWriter w = TraceWriter.to(OutputStream.nullOutputStream(), h,
                TraceWriter.Options.DEFAULT.withBlockBytes(4096));
        List<TraceRecord> some = TraceFixtures.realisticRecords(h, 10, 1);
        some.forEach(w::write);
        long after10 = retainedBytes(w);
        assertTrue(after10 >= 4096, "the walk sees the block buffer: " + after10);
        for (int round = 0; round < 2000; round++) {
            for (TraceRecord r : some) {
                w.write(r.startCycle() + (round + 1) * 100L, r.durationCycles(), r.component(), r.action(), r.count(),
                        r.image(), r.arg());
            }
        }
        assertEquals(20_010, w.recordCount());
        assertEquals(after10, retainedBytes(w), "retained size after 10 and after 20010 records");
        w.close();
    }

    /** Sum of array lengths (in elements) reachable from {@code root} through xbarsim objects. */
    private static long retainedBytes(Object root) {
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        return walk(root, seen);
    }

    private static long walk(Object o, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return 0;
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            long n = Array.getLength(o);
            if (!c.getComponentType().isPrimitive()) {
                for (int i = 0; i < n; i++) {
                    n += walk(Array.get(o, i), seen);
                }
            }
            return n;
        }
        if (!c.getName().startsWith("org.xbarsim.")) {
            return 0;
        }
        long sum = 0;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    sum += walk(f.get(o), seen);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // JDK internals are not walked
                }
            }
        }
        return sum;
    }
}
