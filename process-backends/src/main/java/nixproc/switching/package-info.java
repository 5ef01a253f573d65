/**
 * The local switch (the seed's {@code nixproc-<pm>-switch}, with automatic rollback): build a profile into a new
 * generation, stop what is obsolete (dependents first), start what is new (dependencies first, independent
 * instances in parallel, each waited for until ready), and on a failed start put the previous generation back.
 * <pre>
 *   build ──► write generation N+1 ──► journal ──► create groups, users ──► stop obsolete ──► start new
 *                                                                                              │
 *        ┌────────────────────────── a start fails ◄─────────────────────────────────────────┤
 *        ▼                                                                                     ▼
 *   stop what this switch started, start what it stopped          delete obsolete users, groups
 *   (exit 1: rolled back / exit 3: rollback failed)                current → N+1, journal removed
 * </pre>
 * A journal ({@code switch.json}) written before anything changes lets the next switch finish an interrupted one:
 * it first restores the generation the interrupted switch came from.
 */
@NullMarked
package nixproc.switching;

import org.jspecify.annotations.NullMarked;
