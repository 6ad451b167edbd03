/**
 * Whole jobs built from the pipeline's stages, for the command line and, later, sweeps and replays.
 *
 * <p>{@link org.xbarsim.run.SimulationJob} is one {@code simulate} run: it reads and checks the model,
 * the chip config and the images ({@link org.xbarsim.run.ImageInputs}), maps and simulates, compares
 * every image with the golden engine and writes the output directory whole or not at all. It knows
 * nothing of command-line flags: the {@code cli} package turns options into a job and checks them.
 */
package org.xbarsim.run;
