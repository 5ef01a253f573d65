package nixproc.backend;

import nixproc.profile.ProfileGeneration;

/**
 * Optional ability of a {@link Driver} whose profile runs a process manager of its own (supervisord, s6-svscan),
 * checked with {@code instanceof}: once a switch leaves the profile without instances (undeploy), the manager
 * goes too, so nothing of the profile keeps running.
 */
public interface ManagerLifecycle {

	/** Stops the profile's manager if it runs; idempotent. */
	void shutdown(ProfileGeneration generation);

}
