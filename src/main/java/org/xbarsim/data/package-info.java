/**
 * Data set readers: IDX (MNIST, Fashion-MNIST; gzip or raw), the CIFAR-10 binary batches, and a
 * seeded synthetic set for tests. {@link org.xbarsim.data.DataSets#load} is the one entry point;
 * every bad file gives one {@link org.xbarsim.UserInputException} naming the file and the problem.
 * See docs/data.md.
 */
package org.xbarsim.data;
