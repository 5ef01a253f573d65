/**
 * Unique ID assignment with the dydisnix semantics ({@code dydisnix-id-assign}, {@code nixproc-id-assign}), pure:
 * pools of numbers (ports, UIDs, GIDs), services that require IDs from them, previous assignments in, new
 * assignments out. Used by {@code nixproc id-assign} and by id-service, which keeps the same data in PostgreSQL;
 * a module of its own so that neither takes the other's code (id-service none of the process managers').
 *
 * <p>Two defects of the seed are fixed on purpose: {@code step} is honoured (dydisnix drops it when it reads a Nix
 * model, and its depletion check counts slots a stepped pool can never reach, so it can loop forever), and a
 * service mapped to several targets keeps its IDs (dydisnix drops them on every run).
 */
@NullMarked
package nixproc.idassign;

import org.jspecify.annotations.NullMarked;
