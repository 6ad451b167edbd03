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
}
