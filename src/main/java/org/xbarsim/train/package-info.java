/**
 * Training and compression (the only package that uses ND4J): float pre-training, crossbar-aligned
 * group pruning with a group-lasso penalty and a zerorize-recover schedule, quantization-aware
 * fine-tuning with power-of-two scales, and export to the integer model file. Also the unpruned
 * baseline (per-channel scales as integer multiplier + shift) and the training report.
 * See docs/training.md.
 */
package org.xbarsim.train;
