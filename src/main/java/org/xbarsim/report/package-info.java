/**
 * The simulation report and the other files of a simulation output directory.
 *
 * <p>{@link org.xbarsim.report.SimulationReport} is {@code report.json}: stable kebab-case keys in
 * declaration order, maps sorted by key, numbers rounded to 9 significant digits, so the same run
 * gives the same bytes (docs/report-format.md documents every key). Everything that varies from
 * run to run (wall time, host, JVM) goes to {@link org.xbarsim.report.RunInfo} ({@code
 * run-info.json}) instead. {@link org.xbarsim.report.OutputsWriter} streams {@code outputs.jsonl},
 * {@link org.xbarsim.report.ReportMarkdown} renders {@code report.md}, and
 * {@link org.xbarsim.report.OutputDirectory} makes the whole directory appear at once, or not at all.
 */
package org.xbarsim.report;
