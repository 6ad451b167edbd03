package org.xbarsim.sweep.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbarsim.sweep.PointExecutor;
import org.xbarsim.sweep.PointOutcome;
import org.xbarsim.sweep.PointWork;
import org.xbarsim.sweep.ShippedFile;

/** The coordinator's pull protocol with probes as workers, on one cluster node (port 0). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepCoordinatorTest {
    private final ActorTestKit kit = ActorTestKit.create("xbarsim-sweep-coordinator-test",
            ClusterSettings.node(new NodeAddress("127.0.0.1", 0), null));

    @AfterAll
    void shutdown() {
        kit.shutdownTestKit();
    }

    private static PointWork point(String id) {
        ShippedFile f = ShippedFile.of("x.json", id.getBytes(StandardCharsets.UTF_8));
        return new PointWork("t", id, f, f, null, "synthetic", null, 0, 1, false, "/m.json", null, "/out/points/" + id);
    }

    @Test
    void workersPullOnePointPerRequestAndAStoppedWorkersPointGoesToAWaitingOne() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        PointExecutor.Listener listener = new PointExecutor.Listener() {
            @Override
            public void started(String id) {
                events.add("started " + id);
            }

            @Override
            public void finished(PointOutcome o) {
                events.add("finished " + o.id());
            }
        };
        ActorRef<SweepCoordinator.Command> coordinator = kit.spawn(SweepCoordinator.create(List.of(point("p0"), point("p1")),
                listener, done, 0, null), "coordinator");
        TestProbe<SweepWorker.Command> a = kit.createTestProbe();
        TestProbe<SweepWorker.Command> b = kit.createTestProbe();
        TestProbe<SweepWorker.Command> c = kit.createTestProbe();
        coordinator.tell(new SweepCoordinator.RequestWork(a.ref()));
        assertEquals("p0", a.expectMessageClass(SweepWorker.Work.class).work().id());
        coordinator.tell(new SweepCoordinator.RequestWork(b.ref()));
        assertEquals("p1", b.expectMessageClass(SweepWorker.Work.class).work().id());
        coordinator.tell(new SweepCoordinator.RequestWork(c.ref()));
        c.expectNoMessage(Duration.ofMillis(200)); // every point is held: c waits

        a.stop(); // a's node goes away while it holds p0
        assertEquals("p0", c.expectMessageClass(SweepWorker.Work.class, Duration.ofSeconds(10)).work().id());

        coordinator.tell(new SweepCoordinator.PointDone(b.ref(), new PointOutcome("p1", List.of(), null)));
        coordinator.tell(new SweepCoordinator.PointDone(b.ref(), new PointOutcome("p1", List.of(), "a second copy")));
        assertFalse(done.isDone());
        coordinator.tell(new SweepCoordinator.PointDone(c.ref(), new PointOutcome("p0", List.of(), null)));
        done.get(10, TimeUnit.SECONDS);
        assertEquals(2, b.expectMessageClass(SweepWorker.SweepFinished.class).points());
        assertEquals(2, c.expectMessageClass(SweepWorker.SweepFinished.class).points());
        // each point started once (p0's second hand-out is no new start) and finished once
        assertEquals(List.of("started p0", "started p1", "finished p1", "finished p0"), events);
        // a late request is told the sweep is over
        coordinator.tell(new SweepCoordinator.RequestWork(b.ref()));
        assertTrue(b.expectMessageClass(SweepWorker.SweepFinished.class).points() == 2);
    }
}
