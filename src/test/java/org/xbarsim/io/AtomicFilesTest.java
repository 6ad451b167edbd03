package org.xbarsim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesContentAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the target remains");
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFileWhole() throws IOException {
        Path f = dir.resolve("model.json");
        AtomicFiles.writeString(f, "complete old content");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IllegalStateException("interrupted");
        }));
        assertEquals("complete old content", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "the temporary file is removed");
        }
    }

    @Test
    void resultIsReadableByOthersLikeAnyNewFile() throws IOException {
        Path f = dir.resolve("report.json");
        AtomicFiles.writeString(f, "{}");
        assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.OTHERS_READ));
    }
}
