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
        return names(dir);
    }

    /** An earlier run's output at {@code out}: its report.json ("old"), the folders named, and the marker. */
    private static void committedRun(Path out, String... folders) throws Exception {
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            Files.writeString(o.resolve("report.json"), "old\n");
            for (String f : folders) {
                Files.createDirectory(o.resolve(f));
            }
            o.commit();
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (var s = Files.list(folder)) {
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
        try (OutputDirectory o = OutputDirectory.prepare(out, true)) {
            Files.writeString(o.resolve("report.json"), "half");
        }
        assertEquals("old\n", Files.readString(out.resolve("report.json")), "a failed rerun keeps the old run");
        assertReplacedWithForce(out);
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

    @Test
    void aLinkToAFolderIsRefusedAsALinkAndItsFolderKept() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link"), mine);
        for (boolean force : new boolean[] {false, true}) {
            UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.checkTarget(link, force));
            assertEquals(link + ": is a symbolic link (to " + mine + "); xbarsim does not write an output folder through"
                    + " a link: choose another --out", e.getMessage());
        }
        assertEquals("keep", Files.readString(mine.resolve("notes.txt")));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void everyCommittedDirectoryCarriesTheMarker() throws Exception {
        Path out = dir.resolve("marked");
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            o.commit();
        }
        assertTrue(Files.isRegularFile(out.resolve(OutputDirectory.MARKER)));
        assertTrue(OutputDirectory.isXbarsimOutput(out));
    }

    @Test
    void anEarlierRunIsReplacedOnlyWithForce() throws Exception {
        Path out = dir.resolve("earlier");
        committedRun(out);
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(out));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals("old\n", Files.readString(out.resolve("report.json")));
        assertReplacedWithForce(out);
    }

    @Test
    void aFolderXbarsimDidNotMakeIsNeverReplacedEvenWithForce() throws Exception {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "years of work");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        for (Path p : List.of(mine, empty)) {
            UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(p, true));
            assertTrue(e.getMessage().contains("not made by xbarsim"), e.getMessage());
        }
        assertEquals("years of work", Files.readString(mine.resolve("thesis.tex")));
        assertEquals(List.of("empty", "mine"), listing(), "no partial directory was made either");
    }

    @Test
    void copiesOfARunsFilesWithoutTheMarkerAreNotXbarsims() throws Exception {
        // found by a user trial: an archive of run-info.json and report.json was replaced with --force
        Path archive = Files.createDirectory(dir.resolve("archive"));
        Files.writeString(archive.resolve("run-info.json"), "{\n  \"format\" : \"xbarsim-run-info\",\n  \"version\" : 1\n}\n");
        Files.writeString(archive.resolve("report.json"), "{}");
        assertFalse(OutputDirectory.isXbarsimOutput(archive));
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(archive, true));
        assertTrue(e.getMessage().contains("not made by xbarsim"), e.getMessage());
    }

    @Test
    void aRunInfoCopiedIntoAFolderOfOnesOwnDoesNotMakeItXbarsims() throws Exception {
        // found by a user trial: --force deleted notes.md beside a copied run-info.json
        Path analysis = Files.createDirectory(dir.resolve("analysis"));
        Files.writeString(analysis.resolve("notes.md"), "my notes");
        Files.writeString(analysis.resolve("run-info.json"), "{\"format\" : \"xbarsim-run-info\", \"version\" : 1}\n");
        Files.writeString(analysis.resolve("report.json"), "{}\n");
        assertFalse(OutputDirectory.isXbarsimOutput(analysis));
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(analysis, true));
        assertTrue(e.getMessage().contains("not made by xbarsim"), e.getMessage());
        Path alone = Files.createDirectory(dir.resolve("alone"));
        Files.writeString(alone.resolve("run-info.json"), "{\"format\" : \"xbarsim-run-info\", \"version\" : 1}\n");
        assertFalse(OutputDirectory.isXbarsimOutput(alone), "a run-info.json alone is not a run");
        assertEquals("my notes", Files.readString(analysis.resolve("notes.md")));
    }

    @Test
    void forceRefusesAnOutputThatHoldsFilesXbarsimDidNotWriteNamingThem() throws Exception {
        Path out = dir.resolve("run");
        committedRun(out, "points");
        Files.writeString(out.resolve("my-notes.md"), "mine");
        Files.createDirectory(out.resolve("plots"));
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(out, true));
        assertEquals(out + ": the output of an earlier xbarsim run, but it also holds 2 entries xbarsim did not write there"
                + " (my-notes.md, plots/), which replacing the folder would delete; move them away, or choose another --out", e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("my-notes.md")));
        assertEquals(List.of("run"), listing(), "no partial directory was made either");
        Files.delete(out.resolve("my-notes.md"));
        Files.delete(out.resolve("plots"));
        assertReplacedWithForce(out);
    }

    @Test
    void forceLooksIntoSubfoldersThatAreOutputsThemselvesAndPassesLeftTemporaryFiles() throws Exception {
        Path out = dir.resolve("cmp");
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            try (OutputDirectory inner = OutputDirectory.prepare(o.resolve("compressed"))) {
                Files.writeString(inner.resolve("report.json"), "{}");
                inner.commit();
            }
            Files.writeString(o.resolve("report.json"), "{}");
            o.commit();
        }
        // a write cut short (Ctrl-C during export-trace) leaves .NAME.XXXX.tmp beside a listed name
        OutputDirectory.recordEntries(out, "timeline.json");
        Files.writeString(out.resolve(".timeline.json.k3j9x2.tmp"), "{");
        Files.writeString(out.resolve(".xbarsim-output.a1b2.tmp"), "{");
        OutputDirectory.checkTarget(out, true);
        Files.writeString(out.resolve("compressed").resolve("notes.md"), "mine");
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.checkTarget(out, true));
        assertTrue(e.getMessage().contains("(compressed/notes.md)"), e.getMessage());
        Files.writeString(out.resolve(".notes.md.abc.tmp"), "mine too");
        e = assertThrows(UserInputException.class, () -> OutputDirectory.checkTarget(out, true));
        assertTrue(e.getMessage().contains(".notes.md.abc.tmp, compressed/notes.md"), e.getMessage());
    }

    @Test
    void forceLooksIntoAFolderOfOutputsAndAtListedFilesThatBecameFolders() throws Exception {
        // found by a user trial: notes in a sweep's points/ and in a listed name turned folder were deleted
        Path sweep = dir.resolve("sw");
        try (OutputDirectory o = OutputDirectory.prepare(sweep)) {
            Files.createDirectory(o.resolve("points"));
            Files.writeString(o.resolve("report.md"), "# a sweep");
            o.commit();
        }
        try (OutputDirectory p = OutputDirectory.prepare(sweep.resolve("points").resolve("p003"))) {
            Files.writeString(p.resolve("report.json"), "{}");
            p.commit();
        }
        Files.createDirectory(sweep.resolve("points").resolve(".p004.partial-k3x")); // a killed point's, empty
        OutputDirectory.checkTarget(sweep, true);
        Files.writeString(sweep.resolve("points").resolve("notes.md"), "m");
        Files.createDirectory(sweep.resolve("points").resolve("p003").resolve("plots"));
        Files.delete(sweep.resolve("report.md"));
        Files.createDirectory(sweep.resolve("report.md"));
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.checkTarget(sweep, true));
        assertTrue(e.getMessage().contains("3 entries xbarsim did not write there (points/notes.md, points/p003/plots/,"
                + " report.md/)"), e.getMessage());
    }

    @Test
    void theFolderOfACommandThatKeepsItsOwnFilesIsNotReplacedByAnother() throws Exception {
        Path demo = Files.createDirectory(dir.resolve("demo"));
        Files.writeString(demo.resolve(OutputDirectory.MARKER), "{\"format\": \"xbarsim-output\", \"version\": 1,"
                + " \"command\": \"demo\"}\n");
        Files.writeString(demo.resolve("lenet5-float.ckpt"), "hours of training");
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(demo, true));
        assertTrue(e.getMessage().contains("is the folder of xbarsim demo"), e.getMessage());
        assertEquals("demo", OutputDirectory.markerCommand(demo));
        Path experiment = Files.createDirectory(dir.resolve("exp"));
        Files.writeString(experiment.resolve(OutputDirectory.MARKER), "{\"format\": \"xbarsim-experiment\", \"version\": 1}\n");
        e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(experiment, true));
        assertTrue(e.getMessage().contains("is the folder of xbarsim experiment"), e.getMessage());
        assertEquals("hours of training", Files.readString(demo.resolve("lenet5-float.ckpt")));
    }

    @Test
    void aCommandThatKeepsItsFolderTakesANewEmptyOrItsOwnEarlierFolderOnly() throws Exception {
        Path fresh = dir.resolve("fresh");
        OutputDirectory.checkKeptFolder(fresh, "experiment");
        Files.createDirectory(fresh);
        OutputDirectory.checkKeptFolder(fresh, "experiment");
        OutputDirectory.markKeptFolder(fresh, "experiment");
        OutputDirectory.checkKeptFolder(fresh, "experiment");
        assertEquals("experiment", OutputDirectory.markerCommand(fresh));
        Path older = Files.createDirectory(dir.resolve("older")); // as experiments before this version marked theirs
        Files.writeString(older.resolve(OutputDirectory.MARKER), "{\"format\": \"xbarsim-experiment\", \"version\": 1}\n");
        Files.createDirectory(older.resolve("steps"));
        OutputDirectory.checkKeptFolder(older, "experiment");
        OutputDirectory.markKeptFolder(older, "experiment");
        assertEquals("{\"format\": \"xbarsim-experiment\", \"version\": 1}\n", Files.readString(older.resolve(OutputDirectory.MARKER)));
        // another command's output, the demo's folder and a folder of one's own are refused, and left as they were
        Path run = dir.resolve("run");
        committedRun(run);
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.checkKeptFolder(run, "experiment"));
        assertTrue(e.getMessage().contains("--out " + run + ": exists and is not an earlier experiment's folder"), e.getMessage());
        Path demo = Files.createDirectory(dir.resolve("demo"));
        OutputDirectory.markKeptFolder(demo, "demo");
        assertThrows(UserInputException.class, () -> OutputDirectory.checkKeptFolder(demo, "experiment"));
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.md"), "mine");
        assertThrows(UserInputException.class, () -> OutputDirectory.checkKeptFolder(mine, "demo"));
        assertEquals(List.of(".xbarsim-output", "report.json"), names(run));
    }

    @Test
    void aDamagedMarkerOfALaterVersionIsNotTakenForOneThatListsNothing() throws Exception {
        Path out = Files.createDirectory(dir.resolve("damaged"));
        Files.writeString(out.resolve(OutputDirectory.MARKER), "{\"format\": \"xbarsim-output\", \"version\": 2, \"entr");
        Files.writeString(out.resolve("notes.md"), "mine");
        UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(out, true));
        assertTrue(e.getMessage().contains("cannot be read or is not xbarsim's (damaged?)"), e.getMessage());
        Files.writeString(out.resolve(OutputDirectory.MARKER), "{}"); // found by a user trial: taken for version 1
        e = assertThrows(UserInputException.class, () -> OutputDirectory.prepare(out, true));
        assertTrue(e.getMessage().contains("is not xbarsim's"), e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("notes.md")));
    }

    @Test
    void aFolderThatAppearsWhileARunWritesIsNotReplacedAtCommit() throws Exception {
        Path out = dir.resolve("raced");
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            Files.writeString(o.resolve("report.json"), "{}");
            Files.createDirectory(out); // the user makes it meanwhile
            Files.writeString(out.resolve("notes.md"), "mine");
            UserInputException e = assertThrows(UserInputException.class, o::commit);
            assertTrue(e.getMessage().contains("not made by xbarsim"), e.getMessage());
        }
        assertEquals("mine", Files.readString(out.resolve("notes.md")));
        assertEquals(List.of("raced"), listing(), "the unfinished run's folder is gone, the user's kept");
        try (OutputDirectory o = OutputDirectory.prepare(dir.resolve("forced"))) {
            o.commit();
        }
        try (OutputDirectory o = OutputDirectory.prepare(dir.resolve("forced"), true)) {
            Files.writeString(dir.resolve("forced").resolve("added.md"), "added while the forced run wrote");
            assertThrows(UserInputException.class, o::commit);
        }
        assertEquals("added while the forced run wrote", Files.readString(dir.resolve("forced").resolve("added.md")));
    }

    @Test
    void entriesACommandAddsLaterAreRecordedSoForceMayReplaceThem() throws Exception {
        Path out = dir.resolve("sweep");
        try (OutputDirectory o = OutputDirectory.prepare(out)) {
            o.commit();
        }
        OutputDirectory.recordEntries(out, "summary.csv", "timeline.json");
        Files.writeString(out.resolve("summary.csv"), "a,b\n");
        Files.writeString(out.resolve("timeline.json"), "{}");
        try (OutputDirectory o = OutputDirectory.prepare(out, true)) {
            o.commit();
        }
        assertFalse(Files.exists(out.resolve("summary.csv")));
        // a marker of version 1 lists nothing: such a folder is replaced as before
        Path v1 = Files.createDirectory(dir.resolve("v1"));
        Files.writeString(v1.resolve(OutputDirectory.MARKER), "{\"format\": \"xbarsim-output\", \"version\": 1}\n");
        Files.writeString(v1.resolve("anything"), "x");
        OutputDirectory.recordEntries(v1, "timeline.json");
        assertEquals("{\"format\": \"xbarsim-output\", \"version\": 1}\n", Files.readString(v1.resolve(OutputDirectory.MARKER)));
        OutputDirectory.checkTarget(v1, true);
        OutputDirectory.recordEntries(Files.createDirectory(dir.resolve("plain")), "x"); // no marker: nothing happens
        assertFalse(Files.exists(dir.resolve("plain").resolve(OutputDirectory.MARKER)));
    }

    @Test
    void protectedPlacesAreRefusedEvenWithForce() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p : List.of(Path.of("."), Path.of("/"), cwd, cwd.getParent(), Path.of(System.getProperty("user.home")))) {
            UserInputException e = assertThrows(UserInputException.class, () -> OutputDirectory.checkTarget(p, true), p.toString());
            assertTrue(e.getMessage().startsWith("output folder " + p + ": refusing to write there"), e.getMessage());
        }
    }

    @Test
    void leftoversOfAKilledRunAreRemovedByTheNextRunButALiveRunsAreKept() throws Exception {
        Path out = dir.resolve("run5");
        // a killed run: its partial directory without a held lock (and without a lock file at all)
        Path stale = Files.createDirectory(dir.resolve(".run5.partial-killed"));
        Files.writeString(stale.resolve(OutputDirectory.MARKER), "{\"format\": \"xbarsim-output\", \"version\": 1}\n");
        Files.writeString(stale.resolve("trace.xbt"), "half a trace");
        Path staleOld = Files.createDirectory(dir.resolve(".run5.old-killed")); // killed before the marker: empty
        // found by a user trial: anything named like a leftover was deleted, a user's backup among them
        Path backup = Files.createDirectory(dir.resolve(".run5.old-before-rerun"));
        Files.writeString(backup.resolve("notes.md"), "my analysis");
        Files.writeString(dir.resolve(".run5.old-notes.txt"), "keep");
        try (OutputDirectory live = OutputDirectory.prepare(out)) {
            // a second run into the same place while the first is still writing
            try (OutputDirectory second = OutputDirectory.prepare(dir.resolve("run5"))) {
                assertTrue(Files.isDirectory(live.path()), "the live run's partial directory is kept");
                assertFalse(Files.exists(stale), "the killed run's leftover is removed");
                assertFalse(Files.exists(staleOld));
                assertTrue(Files.isDirectory(second.path()));
            }
            live.commit();
        }
        assertEquals("my analysis", Files.readString(backup.resolve("notes.md")));
        assertEquals("keep", Files.readString(dir.resolve(".run5.old-notes.txt")));
        assertEquals(List.of(".run5.old-before-rerun", ".run5.old-notes.txt", "run5"), listing(),
                "no lock files or partial directories of xbarsim's remain");
    }

    /** {@code out} replaced with --force by a run that writes a new report.json. */
    private static void assertReplacedWithForce(Path out) throws Exception {
        try (OutputDirectory o = OutputDirectory.prepare(out, true)) {
            Files.writeString(o.resolve("report.json"), "new\n");
            o.commit();
        }
        assertEquals("new\n", Files.readString(out.resolve("report.json")));
    }
}
