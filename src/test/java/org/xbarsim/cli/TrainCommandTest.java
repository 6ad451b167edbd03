package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.train.TrainOptions;
import picocli.CommandLine;

/** The train command's argument errors: exit status 2, a message naming the option, no files written. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter err = new StringWriter();
        var cl = Main.newCommandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    /** {@code train} with {@code args} exits with status 2 and a message containing {@code expected}. */
    private void assertRefused(String expected, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "train";
        System.arraycopy(args, 0, cmd, 1, args.length);
        String[] r = run(cmd);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains(expected), r[1]);
        assertFalse(r[1].contains("ND4J native build"), "refused before the native build's line: " + r[1]);
    }

    @Test
    void theBuilderDefaultsAreTheCommandDefaults() {
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs();
        assertEquals(TrainOptions.builder().build(), c.options());
    }

    @Test
    void epochsAreBounded() {
        // checked on the parsed options, so that a missing check cannot start a billion-epoch training here
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs("--epochs", "1000000000", "--crossbar-budget", "10");
        String m = org.junit.jupiter.api.Assertions.assertThrows(org.xbarsim.UserInputException.class, c::options).getMessage();
        assertTrue(m.contains("--epochs 1000000000: must be in [1, 1000]"), m);
    }

    @Test
    void anOutEndingInASlashIsAFolderEvenBeforeItExists() {
        // found by a user trial: "--out runs/l5/" wrote runs/l5-compressed.json and four more beside the folder
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs("--arch", "mlp", "--out", dir.resolve("new") + "/", "--crossbar-budget", "10");
        assertEquals(dir.resolve("new").resolve("mlp"), c.options().outPrefix());
        TrainCommand prefix = new TrainCommand();
        new CommandLine(prefix).parseArgs("--arch", "mlp", "--out", dir.resolve("new").toString(), "--crossbar-budget", "10");
        assertEquals(dir.resolve("new"), prefix.options().outPrefix(), "without the slash, a prefix");
    }

    @Test
    void outIsNeitherADeviceNorTheRootFolder() {
        for (String out : new String[] {"/dev/null", "/"}) {
            TrainCommand c = new TrainCommand();
            new CommandLine(c).parseArgs("--out", out, "--crossbar-budget", "10");
            String m = org.junit.jupiter.api.Assertions.assertThrows(org.xbarsim.UserInputException.class, c::options)
                    .getMessage();
            assertTrue(m.startsWith("--out " + out + ": is "), m);
        }
    }

    @Test
    void unknownArchitecture() {
        assertRefused("--arch resnet: unknown architecture", "--arch", "resnet", "--crossbar-budget", "10", "--out",
                dir.resolve("m").toString());
    }

    @Test
    void badEncodingAndGeometry() {
        assertRefused("--encoding twos", "--encoding", "twos", "--crossbar-budget", "10");
        assertRefused("bits per cell = 0", "--bits-per-cell", "0", "--crossbar-budget", "10");
    }

    @Test
    void badCompressionSettings() {
        assertRefused("--distill-alpha 1.5: must be in [0, 1]", "--distill-alpha", "1.5", "--crossbar-budget", "10");
        assertRefused("--prune-from scratch: must be baseline or pretrained", "--prune-from", "scratch",
                "--crossbar-budget", "10");
        assertRefused("--allocation even: unknown allocation 'even' (sqrt, uniform, energy or loss)", "--allocation", "even",
                "--crossbar-budget", "10");
        assertRefused("--distill-temperature 0.0: must be > 0", "--distill-temperature", "0", "--crossbar-budget", "10");
        assertRefused("--weight-average 1.0: must be in [0, 1)", "--weight-average", "1", "--crossbar-budget", "10");
    }

    @Test
    void missingChipConfigNamesTheFile() {
        assertRefused("none.conf", "--chip", dir.resolve("none.conf").toString(), "--crossbar-budget", "10");
    }

    @Test
    void missingDataNamesTheFolder() throws Exception {
        String[] r = run("train", "--dataset", "mnist", "--data-dir", dir.resolve("nowhere").toString(),
                "--crossbar-budget", "10", "--out", dir.resolve("m").toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("nowhere"), r[1]);
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }
}
