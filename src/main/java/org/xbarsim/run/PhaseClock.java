package org.xbarsim.run;

import java.util.ArrayList;
import java.util.List;
import org.xbarsim.report.RunInfo;

/** Wall time of each phase of a command, for run-info.json: where a run's time went. */
final class PhaseClock {
    private final List<RunInfo.Phase> phases = new ArrayList<>();
    private long last = System.nanoTime();

    /** Ends the phase running since the last lap (or since this clock was made) under {@code name}. */
    void lap(String name) {
        long now = System.nanoTime();
        phases.add(new RunInfo.Phase(name, (now - last) / 1e9));
        last = now;
    }

    /** The phases so far, in the order they ended. */
    List<RunInfo.Phase> phases() {
        return List.copyOf(phases);
    }
}
