/**
 * A small benchmark framework for {@code xbarsim bench}: a {@link org.xbarsim.bench.BenchCase} is
 * one class that measures something and returns named measurements per repeat; the
 * {@link org.xbarsim.bench.BenchRegistry} lists the cases (adding one is one class plus one line);
 * the {@link org.xbarsim.bench.BenchRunner} runs warm-ups and repeats and summarizes each
 * measurement by its median, minimum and maximum; {@link org.xbarsim.bench.BenchReport} prints a
 * table and writes JSON. Wall-clock time is the point here, so these results are not byte-stable.
 */
package org.xbarsim.bench;
