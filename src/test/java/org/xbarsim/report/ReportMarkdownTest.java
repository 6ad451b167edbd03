package org.xbarsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportMarkdownTest {
    @Test
    void headlineRowsCarryTheReportFiguresWithTheJsonRounding() {
        String md = ReportMarkdown.render(ReportFixtures.sample(null));
        assertTrue(md.startsWith("# Simulation report: mlp-fmnist on isaac-small\n"), md);
        assertTrue(md.contains("| crossbars allocated | 7 of 96 (tiles used 2 of 4) |\n"), md);
        assertTrue(md.contains("| average power, compute / total | 0.333333333 / 0.666666667 mW |\n"), md);
        assertTrue(md.contains("| peak power | 12.5 mW (window of 100 cycles from cycle 1000) |\n"), md);
        assertTrue(md.contains("| latency, one image | 2400 cycles = 2000 ns |\n"), md);
        assertTrue(md.contains("| bit-exact vs golden engine | 3 of 3 images |\n"), md);
        assertTrue(md.contains("| adc/convert | 3.3 | 1000000000000 |\n"), md);
        assertTrue(md.contains("| fc1 | 6 |\n| fc2 | 1 |\n"), md);
        assertEquals(md, ReportMarkdown.render(ReportFixtures.sample(null)), "deterministic");
    }

    @Test
    void mismatchAndMissingLabelsAreSpelledOut() {
        SimulationReport r = ReportFixtures.sample(new SimulationReport.Mismatch(4, 2, "fc1", 17, 5, -3));
        String md = ReportMarkdown.render(r);
        assertTrue(md.contains("| bit-exact vs golden engine | 2 of 3 images; first mismatch: image 4, layer 2 (fc1), "
                + "position 17: expected 5, got -3 |"), md);
        SimulationReport noLabels = new SimulationReport(r.format(), r.version(), r.model(), r.config(), r.inputs(),
                r.chip(), r.area(), r.power(), r.energy(), r.latency(), r.throughput(),
                new SimulationReport.Accuracy(3, 0, 0, null), r.bitExactness(), r.simulation());
        assertTrue(ReportMarkdown.render(noLabels).contains("| accuracy | n/a (no labels) (0 of 0 labelled) |"));
    }

    @Test
    void energyByComponentSetsLeakageBesideTheActionsAndAddsUpToTheHeadline() {
        String md = ReportMarkdown.render(ReportFixtures.sample(null));
        assertTrue(md.contains("| component | dynamic (nJ) | static (nJ) | total (nJ) |\n|---|---:|---:|---:|\n"
                + "| adc | 3.3 | 9 | 12.3 |\n| shift-add | 0.001 | 0.039 | 0.04 |\n| **all** | 3.301 | 9.039 | 12.34 |\n"), md);
    }

    @Test
    void aVersionTwoReportWithoutTheStaticBreakdownKeepsItsOneColumnTable() {
        SimulationReport r = ReportFixtures.sample(null);
        SimulationReport.Energy e = r.energy();
        SimulationReport v2 = new SimulationReport(r.format(), 2, r.model(), r.config(), r.inputs(), r.chip(), r.area(),
                r.power(), new SimulationReport.Energy(e.perInferenceNj(), e.computePerInferenceNj(), e.totalNj(),
                        e.byComponentNj(), null, e.byActionNj(), e.actionCounts()),
                r.latency(), r.throughput(), r.accuracy(), r.bitExactness(), r.simulation());
        String md = ReportMarkdown.render(v2);
        assertTrue(md.contains("| component | energy (nJ) |\n|---|---:|\n| adc | 3.3 |\n| shift-add | 0.001 |\n\n"), md);
        assertEquals(md, ReportMarkdown.render(r.asVersion2()), "asVersion2 gives the same");
    }
}
