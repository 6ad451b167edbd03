package org.xbarsim.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbarsim.sweep.LocalExecutor;
import org.xbarsim.sweep.PointOutcome;
import org.xbarsim.sweep.PointRunner;
import org.xbarsim.sweep.SweepFixtures;
import org.xbarsim.sweep.SweepRun;

/**
 * A loopback cluster in one JVM: the coordinator and two workers are separate actor systems on
 * free ports of 127.0.0.1; one worker is stopped while it holds a point, which goes to the other.
 */
class ClusterSweepTest {
    @TempDir
    Path dir;
    private final List<WorkerNode> nodes = new ArrayList<>();

    @AfterEach
    void stopEveryNode() {
        nodes.forEach(WorkerNode::stop);
    }

    @Test
    void aWorkerStoppedMidSweepLosesNoPointAndTheTableEqualsTheLocalRuns() throws Exception {
        Path sweep = SweepFixtures.tinySweep(dir, "loopback");
        Path local = dir.resolve("local");
        new SweepRun(sweep, local).run(plan -> new LocalExecutor(2, PointRunner.simulation()), new PrintWriter(new StringWriter()));

        Path clustered = dir.resolve("cluster");
        ClusterExecutor coordinator = new ClusterExecutor("loopback", new NodeAddress("127.0.0.1", 0), 0, PointRunner.simulation(),
                new PrintWriter(new StringWriter()));
        CompletableFuture<SweepRun.Result> result = CompletableFuture.supplyAsync(() -> new SweepRun(sweep, clustered)
                .run(plan -> coordinator, new PrintWriter(new StringWriter())));
        Address seed = coordinator.address().get(60, TimeUnit.SECONDS);
        NodeAddress join = new NodeAddress(seed.getHost().get(), (Integer) seed.getPort().get());

        // A takes a point, then its node shuts down while running it; B starts working only after that
        CountDownLatch aStopped = new CountDownLatch(1);
        AtomicReference<WorkerNode> a = new AtomicReference<>();
        AtomicReference<String> lostPoint = new AtomicReference<>();
        PointRunner stopsItsNode = w -> {
            lostPoint.set(w.id());
            a.get().stop();
            aStopped.countDown();
            return PointOutcome.failed(w.id(), "never delivered: the node is gone");
        };
        PointRunner waitsForA = w -> {
            try {
                aStopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return PointRunner.simulation().run(w);
        };
        a.set(WorkerNode.start("loopback", join, new NodeAddress("127.0.0.1", 0), 1, stopsItsNode, null));
        nodes.add(a.get());
        WorkerNode b = WorkerNode.start("loopback", join, new NodeAddress("127.0.0.1", 0), 1, waitsForA, null);
        nodes.add(b);

        SweepRun.Result r = result.get(180, TimeUnit.SECONDS);
        SweepWorker.End endB = b.await();
        assertTrue(aStopped.await(1, TimeUnit.SECONDS), "worker A got a point");
        assertTrue(endB.finished(), "B was told the sweep is done");
        assertEquals(6, endB.pointsRun(), "B ran every point, the one A lost (" + lostPoint.get() + ") included");
        assertEquals(6, r.ran());
        assertEquals(2, r.failed());
        for (String f : List.of(SweepRun.SUMMARY_CSV, SweepRun.SUMMARY_JSON, SweepRun.SUMMARY_HTML)) {
            assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(clustered.resolve(f)), f);
        }
        assertFalse(Files.readString(clustered.resolve(SweepRun.SUMMARY_CSV)).contains("never delivered"));
    }

    @Test
    void aNodeOfAnotherSweepCannotJoin() throws Exception {
        assertEquals("xbarsim-sweep-adc-x-size", ClusterSettings.systemName("adc-x-size"));
        assertTrue(!ClusterSettings.systemName("a").equals(ClusterSettings.systemName("b")));
    }
}
