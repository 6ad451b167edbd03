/**
 * Sweeps of chip configurations: a sweep file (HOCON) names a base chip config, axes over config
 * keys and model files, constraints and the images; {@link org.xbarsim.sweep.SweepPlan} expands and
 * validates every point before any runs; {@link org.xbarsim.sweep.SweepRun} runs the points that
 * are not finished yet (on local threads or, through {@code sweep.cluster}, on a Pekko Cluster),
 * writes each point's report under {@code DIR/points/ID/} and the summary table and page.
 *
 * <p>A point travels as a {@link org.xbarsim.sweep.PointWork}: the resolved chip config and the
 * model files themselves, with their SHA-256, so the machine that runs it needs no shared disk.
 */
package org.xbarsim.sweep;
