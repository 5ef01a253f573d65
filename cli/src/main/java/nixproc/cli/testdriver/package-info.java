/**
 * The seed's test driver (reference §6.1) on one machine: a processes model deployed for every variant (process
 * manager × privilege profile) in its own temporary state directory with {@link nixproc.switching.Switcher}, then
 * readiness and tests as shell commands, then undeployed. {@code nixproc test} ({@code TestCommand}) and the tests'
 * {@code DeployedModel} (JUnit 5) use it; it lives with the command, not in the process-manager library.
 */
@NullMarked
package nixproc.cli.testdriver;

import org.jspecify.annotations.NullMarked;
