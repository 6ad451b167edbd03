/**
 * The simulation kernel: simulated time ({@code long} cycles), the total order on events, and
 * conservative time windows run by Pekko typed actors. It knows nothing about crossbars: hardware
 * components plug in as {@link org.xbarsim.sim.Process}es behind a {@link org.xbarsim.sim.ComponentShell}.
 *
 * <p>Rules the kernel enforces (see docs/simulation.md):
 * <ul>
 *   <li>events run in the order (cycle, source component id, source sequence number); two events
 *       with the same key are a bug and throw {@link org.xbarsim.sim.EventTieException};</li>
 *   <li>a message between components arrives at least {@code minLatencyCycles} after it was sent,
 *       and at least its sender's lookahead ({@link org.xbarsim.sim.Process#lookaheadCycles}), so a
 *       window {@code [t, e)}, {@code e} the earliest next event plus lookahead of any component with
 *       work, never receives a message sent inside it, and the components active in a window run in
 *       parallel without sharing anything;</li>
 *   <li>idle time is skipped: the next window starts at the earliest pending event.</li>
 * </ul>
 */
package org.xbarsim.sim;
