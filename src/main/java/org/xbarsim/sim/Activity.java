package org.xbarsim.sim;

import java.util.Comparator;

/**
 * One recorded action of a component: the unit of the trace and of the action counts. The kernel
 * does not interpret {@code action}; the hardware model defines the codes.
 *
 * @param cycle          start of the action
 * @param durationCycles how long the component was busy with it (0 for instantaneous)
 * @param componentId    who did it
 * @param action         action code (defined by the component family)
 * @param count          how many actions (e.g. conversions) it stands for
 * @param layer          model layer index it served, or -1
 * @param image          image index it served, or -1
 */
public record Activity(long cycle, long durationCycles, int componentId, int action, long count, int layer, int image) {
    /** Order inside one window; sorting is stable, so one component's records keep their order. */
    public static final Comparator<Activity> WINDOW_ORDER = (a, b) -> a.cycle != b.cycle
            ? Long.compare(a.cycle, b.cycle) : Integer.compare(a.componentId, b.componentId); // written out: every record is sorted by it
}
