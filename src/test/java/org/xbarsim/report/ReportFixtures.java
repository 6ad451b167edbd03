package org.xbarsim.report;

import java.util.Map;
import org.xbarsim.report.SimulationReport.Accuracy;
import org.xbarsim.report.SimulationReport.Area;
import org.xbarsim.report.SimulationReport.BitExactness;
import org.xbarsim.report.SimulationReport.Chip;
import org.xbarsim.report.SimulationReport.ComponentArea;
import org.xbarsim.report.SimulationReport.ConfigIdentity;
import org.xbarsim.report.SimulationReport.Energy;
import org.xbarsim.report.SimulationReport.Inputs;
import org.xbarsim.report.SimulationReport.Latency;
import org.xbarsim.report.SimulationReport.Mismatch;
import org.xbarsim.report.SimulationReport.ModelIdentity;
import org.xbarsim.report.SimulationReport.Power;
import org.xbarsim.report.SimulationReport.Simulation;
import org.xbarsim.report.SimulationReport.Throughput;

/** A filled-in report for the report tests (made-up figures; only the format is under test). */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static SimulationReport sample(Mismatch mismatch) {
        return SimulationReport.of(
                new ModelIdentity("mlp-fmnist", "compressed", "mlp.json", "0".repeat(63) + "1"),
                new ConfigIdentity("isaac-small", "isaac-small.conf", "f".repeat(64)),
                new Inputs("fashion-mnist", "test", 0, 3),
                new Chip(1.2, 4, 2, 96, 7, Map.of("fc2", 1, "fc1", 6)),
                new Area(0.0123456789012, 0.5, Map.of("crossbar", new ComponentArea(7, 0.000175),
                        "adc", new ComponentArea(8, 0.0096))),
                new Power(1.0 / 3, 2.0 / 3, 0.1, 12.5, 1000, 100),
                new Energy(12.34, 5.0, 37.02, Map.of("shift-add", 0.001, "adc", 3.3), Map.of("adc", 9.0, "shift-add", 0.039),
                        Map.of("shift-add/shift-add", 0.001, "adc/convert", 3.3),
                        Map.of("shift-add/shift-add", 4096L, "adc/convert", 1_000_000_000_000L)),
                new Latency(2400, 2000.0),
                new Throughput(3, 5200, 1400.0, 857142.857142857),
                new Accuracy(3, 3, 2, 2.0 / 3),
                new BitExactness(3, mismatch == null ? 3 : 2, 3, mismatch),
                new Simulation(123456, 23456, 5200, 34567, "trace.xbt"));
    }
}
