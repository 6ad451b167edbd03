/**
 * The integer model: plain-int records ({@link org.xbarsim.model.IntModel} and its layers), the
 * versioned JSON file format ({@link org.xbarsim.model.ModelFile}), the bit-exact reference
 * inference ({@link org.xbarsim.model.GoldenEngine}, semantics in docs/model-format.md) and seeded
 * random models for tests and benchmarks ({@link org.xbarsim.model.RandomModels}). No Pekko, no ND4J.
 */
package org.xbarsim.model;
