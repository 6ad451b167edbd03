package org.xbarsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.UserInputException;

class OutputDirectoryTest {
    @TempDir
    Path dir;

    private List<String> listing() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void filesAppearOnlyAtCommit() throws Exception {
        Path out = dir.resolve("run1");
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            Files.writeString(o.resolve("report.json"), "{}\n");
            assertFalse(Files.exists(out), "nothing at the target before commit");
            assertTrue(o.path().getFileName().toString().startsWith(".run1.partial-"));
            o.commit();
        }
        assertEquals(List.of("run1"), listing());
        assertEquals("{}\n", Files.readString(out.resolve("report.json")));
    }

    @Test
    void failureLeavesNothingBehind() throws Exception {
        Path out = dir.resolve("run2");
        assertThrows(IllegalStateException.class, () -> {
            try (OutputDirectory o = OutputDirectory.prepare(out)) {
                Files.writeString(o.resolve("report.json"), "{}\n");
                Files.createDirectories(o.resolve("sub"));
                Files.writeString(o.resolve("sub/trace.xbt"), "x");
                throw new IllegalStateException("simulation failed");
            }
        });
        assertEquals(List.of(), listing(), "no target and no partial directory");
    }

    @Test
    void failureKeepsThePreviousCompleteRunAndSuccessReplacesIt() throws Exception {
        Path out = dir.resolve("run3");
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            Files.writeString(o.resolve("report.json"), "old\n");
            Files.writeString(o.resolve("only-in-old.txt"), "x");
            o.commit();
        }
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            Files.writeString(o.resolve("report.json"), "half");
        }
        assertEquals("old\n", Files.readString(out.resolve("report.json")), "a failed rerun keeps the old run");
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            Files.writeString(o.resolve("report.json"), "new\n");
            o.commit();
        }
        assertEquals("new\n", Files.readString(out.resolve("report.json")));
        assertFalse(Files.exists(out.resolve("only-in-old.txt")), "the old directory is replaced, not merged");
        assertEquals(List.of("run3"), listing(), "the old directory was deleted");
    }

    @Test
    void committedDirectoryHasTheUsualPermissionsNotOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path control = Files.createDirectory(dir.resolve("control"));
        Path out = dir.resolve("run4");
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            o.commit();
        }
        assertEquals(Files.getPosixFilePermissions(control), Files.getPosixFilePermissions(out));
    }

    @Test
    void aFileInTheWayIsAUserError() throws Exception {
        Path file = dir.resolve("taken");
        Files.writeString(file, "x");
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(file));
        assertEquals(file + ": exists and is not a directory; choose another --out", e.getMessage());
    }
}
