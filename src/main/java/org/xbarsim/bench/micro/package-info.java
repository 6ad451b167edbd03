/**
 * JMH micro-benchmarks of single kernels (an optimizer step, one golden-engine inference, one crossbar read,
 * loading a model file), run by scripts/jmh.sh; whole pipelines are timed by {@code xbarsim bench}.
 */
package org.xbarsim.bench.micro;
