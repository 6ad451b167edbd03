/**
 * The cycle-level event trace: what each simulated component did and when.
 *
 * <p>{@link org.xbarsim.trace.TraceWriter} streams {@link org.xbarsim.trace.TraceRecord}s to a
 * compact, checksummed binary file (docs/trace-format.md) in constant memory;
 * {@link org.xbarsim.trace.TraceReader} streams them back and names the file and byte offset of
 * any damage; {@link org.xbarsim.trace.TraceSummarizer} folds a record stream into busy cycles,
 * action counts and per-window counts (for power over time). This package knows component
 * <em>kinds</em> and <em>action</em> names only as strings: energies come in through
 * {@link org.xbarsim.trace.ActionEnergy}, so it does not depend on the cost model.
 */
package org.xbarsim.trace;
