/**
 * Deployments: the saga that moves a network from generation N to N+1 (architecture §6).
 *
 * <pre>
 *  REQUESTED ──(model needs IDs)──▶ ASSIGNING_IDS ──(IDs refused / id-service down)──▶ FAILED
 *      │                                  │
 *      │ (plan changes nothing) ──────────┼──────────────────────────────▶ COMMITTED
 *      ▼                                  ▼
 *   LOCKING ──(a lock refused or timed out: unlock the rest)──────────────▶ FAILED
 *      │
 *      ├──▶ DEACTIVATING ──(wave by wave, dependents first)──┐
 *      │         │                                           │
 *      │         └──(only removals)──▶ COMMITTED              ▼
 *      └───────────────────────────────────────────────▶ ACTIVATING ──(waves, dependencies first)──▶ COMMITTED
 *                                                            │                                          │
 *   DEACTIVATING / ACTIVATING ──(a step failed or timed out)─┤                             (health window:
 *                                                            │                         ProcessFailed → a new
 *              nothing had changed yet ──▶ FAILED ◀──────────┤                        deployment back to N)
 *                                                            ▼
 *                                                      ROLLING_BACK ──(every undo step succeeded)──▶ ROLLED_BACK
 *                                                            │
 *                                                            └──(an undo step failed or timed out)──▶ ROLLBACK_FAILED
 * </pre>
 *
 * {@link nixproc.coordinator.deployment.DeploymentStatus#next()} holds exactly these edges; the saga refuses any
 * other, and {@code DeploymentSagaTest} walks each one. Terminal states send unlocks to every target whose lock was
 * not refused.
 */
@NullMarked
package nixproc.coordinator.deployment;

import org.jspecify.annotations.NullMarked;
