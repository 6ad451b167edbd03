package org.xbarsim.run;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xbarsim.hw.buffer.BufferUse;
import org.xbarsim.report.SimulationReport;

/** The report's buffer section from the simulated tiles' buffer use. */
final class BufferFigures {
    private BufferFigures() {
    }

    static SimulationReport.Buffers of(long inputSizeBytes, List<BufferUse> inputBuffers, long outputSizeBytes,
            List<BufferUse> outputBuffers) {
        Map<String, Long> inPeaks = peaks(inputBuffers);
        Map<String, Long> outPeaks = peaks(outputBuffers);
        return new SimulationReport.Buffers(inputSizeBytes, inPeaks, waits(inputBuffers), waitCycles(inputBuffers), outputSizeBytes,
                outPeaks, waits(outputBuffers), waitCycles(outputBuffers));
    }

    private static Map<String, Long> peaks(List<BufferUse> buffers) {
        Map<String, Long> peaks = new TreeMap<>();
        buffers.forEach(b -> peaks.put("tile" + b.tile(), b.peakBytes()));
        return peaks;
    }

    private static long waits(List<BufferUse> buffers) {
        return buffers.stream().mapToLong(BufferUse::waits).sum();
    }

    private static long waitCycles(List<BufferUse> buffers) {
        return buffers.stream().mapToLong(BufferUse::waitCycles).sum();
    }
}
