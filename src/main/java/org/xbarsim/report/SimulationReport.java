package org.xbarsim.report;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything {@code report.json} holds (docs/report-format.md). Every field is deterministic: the
 * same model, config and inputs give the same values, whatever the thread count. Keys are the
 * field names in kebab-case, in declaration order; energies are per inference unless named
 * {@code total}. Units are in the key names: cycles, ns, mW, nJ, mm2.
 *
 * @param format      always {@value #FORMAT}
 * @param version     report format version, {@value #VERSION}
 * @param model       the simulated model file
 * @param config      the chip config file
 * @param inputs      the images simulated
 * @param chip        clock and crossbar usage
 * @param area        chip area
 * @param power       average and peak power
 * @param energy      energy per inference and its breakdown; action counts
 * @param latency     latency of one image
 * @param throughput  back-to-back images
 * @param accuracy    accuracy of the simulated outputs
 * @param bitExactness simulated outputs compared with the golden integer engine
 * @param simulation  size of the simulation (events, messages, trace)
 * @param buffers     the tiles' input and output buffers: capacity, peak occupancy, waits for room; absent in
 *                    reports made before buffers were bounded (version 2 readers ignore it)
 */
public record SimulationReport(String format, int version, ModelIdentity model, ConfigIdentity config,
                               Inputs inputs, Chip chip, Area area, Power power, Energy energy, Latency latency,
                               Throughput throughput, Accuracy accuracy, BitExactness bitExactness,
                               Simulation simulation,
                               @com.fasterxml.jackson.annotation.JsonInclude(
                                       com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Buffers buffers) {
    public static final String FORMAT = "xbarsim-report";
    public static final int VERSION = 3;
    /** The oldest version this xbarsim reads: version 2 lacks {@code energy.static-by-component-nj} (read as null). */
    public static final int OLDEST_READABLE_VERSION = 2;

    /** A report without buffer figures (as before buffers were bounded). */
    public SimulationReport(String format, int version, ModelIdentity model, ConfigIdentity config, Inputs inputs, Chip chip,
                            Area area, Power power, Energy energy, Latency latency, Throughput throughput, Accuracy accuracy,
                            BitExactness bitExactness, Simulation simulation) {
        this(format, version, model, config, inputs, chip, area, power, energy, latency, throughput, accuracy, bitExactness,
                simulation, null);
    }

    /**
     * This report as version 2 wrote it: without the static energy by component. For comparing a re-run
     * with a run recorded by an older xbarsim ({@code replay --verify}).
     */
    public SimulationReport asVersion2() {
        Energy e = new Energy(energy.perInferenceNj(), energy.computePerInferenceNj(), energy.totalNj(), energy.byComponentNj(),
                null, energy.byActionNj(), energy.actionCounts());
        return new SimulationReport(format, 2, model, config, inputs, chip, area, power, e, latency, throughput, accuracy,
                bitExactness, simulation, buffers);
    }

    /** This report with {@code buffers}. */
    public SimulationReport withBuffers(Buffers buffers) {
        return new SimulationReport(format, version, model, config, inputs, chip, area, power, energy, latency, throughput, accuracy,
                bitExactness, simulation, buffers);
    }

    /** A report with the current format name and version. */
    public static SimulationReport of(ModelIdentity model, ConfigIdentity config, Inputs inputs, Chip chip,
                                      Area area, Power power, Energy energy, Latency latency,
                                      Throughput throughput, Accuracy accuracy, BitExactness bitExactness,
                                      Simulation simulation) {
        return new SimulationReport(FORMAT, VERSION, model, config, inputs, chip, area, power, energy, latency,
                throughput, accuracy, bitExactness, simulation);
    }

    /**
     * @param name   model name from the model file
     * @param kind   "compressed", "baseline" or "random" (model metadata)
     * @param file   file name (without directories, so reports compare across machines)
     * @param sha256 SHA-256 of the file's bytes, lower-case hex
     */
    public record ModelIdentity(String name, String kind, String file, String sha256) {
    }

    /**
     * @param name   config name
     * @param file   file name (without directories)
     * @param sha256 SHA-256 of the file's bytes, lower-case hex
     */
    public record ConfigIdentity(String name, String file, String sha256) {
    }

    /**
     * @param dataset    data set name (e.g. "fashion-mnist"), or the input file name
     * @param split      "train", "test", or "file"
     * @param firstIndex index of the first simulated image in the data set
     * @param images     number of images simulated
     */
    public record Inputs(String dataset, String split, int firstIndex, int images) {
    }

    /**
     * @param clockGhz            clock frequency, GHz
     * @param tiles               tiles on the chip
     * @param tilesUsed           tiles with at least one allocated crossbar
     * @param crossbarsAvailable  crossbars on the chip
     * @param crossbarsAllocated  crossbars holding weights
     * @param crossbarsByLayer    crossbars per weighted layer, by layer name
     */
    public record Chip(double clockGhz, int tiles, int tilesUsed, int crossbarsAvailable, int crossbarsAllocated,
                       Map<String, Integer> crossbarsByLayer) {
        public Chip {
            crossbarsByLayer = sorted(crossbarsByLayer);
        }
    }

    /**
     * @param computeMm2  area of the compute parts (crossbars, DACs, ADCs, sample-and-hold,
     *                    shift-add, multipliers), mm2
     * @param totalMm2    area of everything allocated, mm2
     * @param byComponent per component kind: how many, and their area
     */
    public record Area(double computeMm2, double totalMm2, Map<String, ComponentArea> byComponent) {
        public Area {
            byComponent = sorted(byComponent);
        }
    }

    /**
     * @param count   components of this kind allocated
     * @param areaMm2 their total area, mm2
     */
    public record ComponentArea(long count, double areaMm2) {
    }

    /**
     * @param computeAverageMw     compute energy of the whole run over its duration, mW
     * @param totalAverageMw       all energy (dynamic plus static) over the run's duration, mW
     * @param staticMw             activity-independent (leakage) power included in the total, mW
     * @param peakMw               highest total power in any trace window, mW
     * @param peakWindowStartCycle first cycle of that window
     * @param windowCycles         width of the power windows, cycles
     */
    public record Power(double computeAverageMw, double totalAverageMw, double staticMw, double peakMw,
                        long peakWindowStartCycle, long windowCycles) {
    }

    /**
     * @param perInferenceNj         total energy divided by the images, nJ
     * @param computePerInferenceNj  compute energy divided by the images, nJ
     * @param totalNj                energy of the whole run, nJ
     * @param byComponentNj          per inference, dynamic energy by component kind, nJ
     * @param staticByComponentNj    per inference, static (leakage) energy by component kind over the run's
     *                               duration, nJ; with {@code byComponentNj} it adds up to {@code perInferenceNj}
     *                               (null in a version 2 report, which did not have it, and then not written)
     * @param byActionNj             per inference, by "kind/action", nJ
     * @param actionCounts           unit actions of the whole run, by "kind/action" (exact)
     */
    public record Energy(double perInferenceNj, double computePerInferenceNj, double totalNj,
                         Map<String, Double> byComponentNj,
                         @com.fasterxml.jackson.annotation.JsonInclude(
                                 com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Map<String, Double> staticByComponentNj,
                         Map<String, Double> byActionNj, Map<String, Long> actionCounts) {
        public Energy {
            byComponentNj = sorted(byComponentNj);
            staticByComponentNj = staticByComponentNj == null ? null : sorted(staticByComponentNj);
            byActionNj = sorted(byActionNj);
            actionCounts = sorted(actionCounts);
        }

        /** The static energy by component kind, empty when the report does not have it (version 2). */
        public Map<String, Double> staticByComponentOrEmpty() {
            return staticByComponentNj == null ? Map.of() : staticByComponentNj;
        }
    }

    /**
     * @param cycles cycles from the first input of one image entering the chip to its last logit
     * @param ns     the same in nanoseconds
     */
    public record Latency(long cycles, double ns) {
    }

    /**
     * @param images              images run back to back
     * @param totalCycles         cycles from the first input to the last logit of the run
     * @param cyclesBetweenImages steady-state interval between image completions, cycles
     * @param imagesPerSecond     1 / (cyclesBetweenImages / clock)
     */
    public record Throughput(int images, long totalCycles, double cyclesBetweenImages, double imagesPerSecond) {
    }

    /**
     * @param images    images simulated
     * @param labelled  of them with a known label
     * @param correct   labelled images whose predicted class equals the label
     * @param top1      correct / labelled, or null without labels
     */
    public record Accuracy(int images, int labelled, int correct, Double top1) {
    }

    /**
     * @param imagesCompared images whose simulated logits were compared with the golden engine
     * @param matching       of them, images whose every layer output matched exactly
     * @param sameClass      of them, images whose predicted class equals the golden engine's (the
     *                       figure that shows what a real ADC's rounding costs)
     * @param firstMismatch  the first difference found (lowest image, then layer, then position), or null
     */
    public record BitExactness(int imagesCompared, int matching, int sameClass, Mismatch firstMismatch) {
    }

    /**
     * @param image      image index
     * @param layerIndex index of the layer in the model
     * @param layer      layer name
     * @param position   flat index into the layer's output (channel-major)
     * @param expected   golden engine's value
     * @param actual     simulated value
     */
    public record Mismatch(int image, int layerIndex, String layer, long position, long expected, long actual) {
    }

    /**
     * @param events          simulation events processed (deterministic)
     * @param messages        actor messages exchanged (deterministic)
     * @param simulatedCycles last simulated cycle
     * @param traceRecords    records in the event trace
     * @param traceFile       trace file name inside the output directory, or null if none
     */
    public record Simulation(long events, long messages, long simulatedCycles, long traceRecords, String traceFile) {
    }

    /**
     * @param inputSizeBytes  each tile's input buffer capacity (chip.tile.input-buffer.size-bytes)
     * @param inputPeakBytes  per used tile ("tile3"), the most bytes its input buffer held at once
     * @param inputWaits      writes that waited for room in a full input buffer (their producers stalled)
     * @param inputWaitCycles cycles those writes waited, summed
     * @param outputSizeBytes  each tile's output buffer capacity (chip.tile.output-buffer.size-bytes)
     * @param outputPeakBytes  per used tile, the most bytes its output buffer held at once
     * @param outputWaits      writes that waited for room in a full output buffer
     * @param outputWaitCycles cycles those writes waited, summed
     */
    public record Buffers(long inputSizeBytes, Map<String, Long> inputPeakBytes, long inputWaits, long inputWaitCycles,
                          long outputSizeBytes, Map<String, Long> outputPeakBytes, long outputWaits, long outputWaitCycles) {
        public Buffers {
            inputPeakBytes = sorted(inputPeakBytes);
            outputPeakBytes = sorted(outputPeakBytes);
        }
    }

    static <K, V> java.util.SortedMap<K, V> sorted(Map<K, V> m) {
        return m == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }
}
