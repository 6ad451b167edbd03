package org.xbarsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** worker on its own: a coordinator that is not there is given up on after --join-timeout, with advice. */
class WorkerCommandTest {
    @Test
    void aWorkerThatCannotJoinGivesUpAfterItsJoinTimeoutAndSaysWhatToCheck() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) { // a free port, closed again: nobody listens there
            port = s.getLocalPort();
        }
        CliRun r = CliRun.run("worker", "--join", "127.0.0.1:" + port, "--name", "tiny", "--jobs", "1", "--join-timeout", "2");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("it gives up if it cannot join within 2 s (--join-timeout)"), r.err());
        assertTrue(r.err().contains("worker could not join the coordinator of sweep 'tiny' at 127.0.0.1:" + port
                + " within 2 s: is ./xbarsim sweep --cluster running there"), r.err());
    }

    @Test
    void aJoinTimeoutTurnedOffInThePekkoSettingsIsReadAsNoLimitAndTheOptionStillWins() throws Exception {
        // found by a review: "off" (Pekko's own default) ended the worker with a stack trace
        java.nio.file.Path settings = java.nio.file.Files.createTempFile("pekko", ".conf");
        try {
            java.nio.file.Files.writeString(settings, "pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes = off\n");
            var local = new org.xbarsim.sweep.cluster.NodeAddress("127.0.0.1", 0);
            var off = org.xbarsim.sweep.cluster.WorkerNode.start("tiny", local, local, 1, w -> null, settings);
            try {
                org.junit.jupiter.api.Assertions.assertNull(off.joinTimeout(), "no limit");
            } finally {
                off.stop();
            }
            var five = org.xbarsim.sweep.cluster.WorkerNode.start("tiny", local, local, 1, w -> null, settings,
                    java.time.Duration.ofSeconds(5));
            try {
                assertEquals(java.time.Duration.ofSeconds(5), five.joinTimeout(), "--join-timeout over the file");
            } finally {
                five.stop();
            }
        } finally {
            java.nio.file.Files.deleteIfExists(settings);
        }
    }
}
