/**
 * Experiments that chain the pipeline's jobs (training, mapping, simulation, comparison) into one
 * resumable run: {@link org.xbarsim.experiment.PaperExperiment} reproduces the paper's headline
 * table. Each step writes its own folder with a record of its inputs, so a rerun reuses what
 * finished (docs/results.md).
 */
package org.xbarsim.experiment;
