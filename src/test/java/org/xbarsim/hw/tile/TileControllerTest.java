package org.xbarsim.hw.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.hw.crossbar.Crossbar;
import org.xbarsim.sim.Address;

/** The tile controller's program: the copy's crossbars in local order, one read per distinct row list. */
class TileControllerTest {
    private static Address<Crossbar.Command> addr(int id) {
        return new Address<>(id, "xbar" + id);
    }

    @Test
    void aPixelDrivesOnlyItsCopysCrossbarsAndEqualRowListsShareOneRead() {
        TileController c = new TileController(List.of(List.of(), List.of(
                new TileController.LocalCrossbar(0, new int[] {0, 1}, addr(10), 0),
                new TileController.LocalCrossbar(1, new int[] {0, 1}, addr(11), 1),
                new TileController.LocalCrossbar(2, new int[] {2, 3}, addr(12), 0),
                new TileController.LocalCrossbar(3, new int[] {0, 1}, addr(13), 0))));
        List<TileController.Target> copy0 = c.targets(1, 0);
        assertEquals(List.of(10, 12, 13), copy0.stream().map(t -> t.address().id()).toList());
        assertTrue(copy0.get(0).reads());
        assertTrue(copy0.get(1).reads(), "another row list: its own read");
        assertFalse(copy0.get(2).reads(), "the same row list as the first: it takes that read");
        assertEquals(0, copy0.get(2).group());
        assertArrayEquals(new int[] {2, 3}, copy0.get(1).rows());

        List<TileController.Target> copy1 = c.targets(1, 1);
        assertEquals(1, copy1.size());
        assertTrue(copy1.get(0).reads(), "the same rows as a crossbar of another copy: still its own read");
        assertEquals(List.of(), c.targets(0, 0), "a layer the tile holds no crossbar of");
        assertEquals(List.of(), c.targets(1, 2), "a copy held on other tiles");
    }
}
