/**
 * Sweeps on a Pekko Cluster: the {@code sweep --cluster} process is the seed node and runs the
 * {@link org.xbarsim.sweep.cluster.SweepCoordinator}; {@code worker} processes join the cluster
 * (whose name comes from the sweep's, so a worker joins only its sweep), find the coordinator
 * through the Receptionist and pull points from it, one request per free job. Points of a worker
 * that leaves or becomes unreachable go back to the queue. Messages are serialized with Jackson
 * (CBOR); model and config files travel inside them with their SHA-256 checked.
 */
package org.xbarsim.sweep.cluster;
