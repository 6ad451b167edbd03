package org.xbarsim.hw.tile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.xbarsim.hw.crossbar.Crossbar;
import org.xbarsim.sim.Address;

/**
 * A tile's controller: its program, fixed by the mapping, of which crossbars to drive for a ready
 * output pixel and which buffer reads feed them. For a pixel computed by copy {@code c} of a layer's
 * weights, every local crossbar of that copy is driven with its static input row list; crossbars
 * with the same row list (the column tiles of one row tile) share one read, broadcast to all of
 * them. The tile's input buffer ({@code hw.buffer.InputBuffer}) carries the program out: the
 * decisions are static, so they take no messages and no time of their own.
 */
public final class TileController {
    /** One local crossbar: its id, input row list, actor and the copy of its layer's weights it holds. */
    public record LocalCrossbar(int id, int[] inputRows, Address<Crossbar.Command> address, int copy) {
        public LocalCrossbar(int id, int[] inputRows, Address<Crossbar.Command> address) {
            this(id, inputRows, address, 0);
        }
    }

    /**
     * A crossbar to drive for a pixel: entry {@code group} of the same list does the buffer read it
     * takes ({@code group == index}: this entry reads its row list itself).
     */
    public record Target(int index, int group, int[] rows, Address<Crossbar.Command> address) {
        public boolean reads() {
            return group == index;
        }
    }

    private final List<List<List<Target>>> targets = new ArrayList<>(); // [plan][copy] -> crossbars in local order

    /** {@code crossbars}: per layer plan, the tile's crossbars of that layer (empty when it holds none). */
    public TileController(List<List<LocalCrossbar>> crossbars) {
        for (List<LocalCrossbar> local : crossbars) {
            int copies = local.stream().mapToInt(LocalCrossbar::copy).max().orElse(-1) + 1;
            List<List<Target>> byCopy = new ArrayList<>();
            for (int copy = 0; copy < copies; copy++) {
                List<Target> list = new ArrayList<>();
                for (LocalCrossbar xb : local) {
                    if (xb.copy() != copy) {
                        continue; // another copy of the weights computes this copy's pixels
                    }
                    int index = list.size();
                    int group = index;
                    for (Target earlier : list) {
                        if (Arrays.equals(earlier.rows(), xb.inputRows())) {
                            group = earlier.group();
                            break;
                        }
                    }
                    list.add(new Target(index, group, xb.inputRows(), xb.address()));
                }
                byCopy.add(List.copyOf(list));
            }
            targets.add(byCopy);
        }
    }

    /** The crossbars to drive, in local order, for a pixel of layer plan {@code plan} that copy {@code copy} computes. */
    public List<Target> targets(int plan, int copy) {
        List<List<Target>> byCopy = targets.get(plan);
        return copy < byCopy.size() ? byCopy.get(copy) : List.of();
    }
}
