package org.xbarsim.run;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xbarsim.hw.BufferUse;
import org.xbarsim.report.SimulationReport;

/** The report's buffer section from the simulated tiles' buffer use. */
final class BufferFigures {
    private BufferFigures() {
    }

    static SimulationReport.Buffers of(long inputSizeBytes, List<BufferUse> inputBuffers) {
        Map<String, Long> peaks = new TreeMap<>();
        long waits = 0;
        long waitCycles = 0;
        for (BufferUse b : inputBuffers) {
            peaks.put("tile" + b.tile(), b.peakBytes());
            waits += b.waits();
            waitCycles += b.waitCycles();
        }
        return new SimulationReport.Buffers(inputSizeBytes, peaks, waits, waitCycles);
    }
}
