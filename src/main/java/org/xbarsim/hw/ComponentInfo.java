package org.xbarsim.hw;

import java.util.List;
import org.xbarsim.vocabulary.ComponentKind;

/**
 * One simulated component (actor) as the trace sees it.
 *
 * @param id    kernel component id
 * @param name  hierarchical name, '/'-separated ({@code tile3/xbar12})
 * @param tile  its tile, or -1 for chip-level components
 * @param kinds the hardware kinds whose actions it records (a crossbar records its DACs and sample-and-holds too)
 */
public record ComponentInfo(int id, String name, int tile, List<ComponentKind> kinds) {
    public ComponentInfo {
        kinds = List.copyOf(kinds);
    }
}
