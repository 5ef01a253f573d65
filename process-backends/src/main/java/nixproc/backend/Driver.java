package nixproc.backend;

import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;

/**
 * Activates instances of a generation on a real process manager (style G3, after Nomad's driver interface). Every
 * external command goes through the {@link DriverContext#runner()}, so managers that cannot run here are tested by
 * their exact command sequence. Readiness is not the driver's business: the switch waits for it after
 * {@link #start}.
 */
public interface Driver {

	/**
	 * Makes the process manager see a generation before any of its instances start or stop: {@code supervisorctl
	 * reread}, {@code systemctl daemon-reload}, compiling an s6-rc database, starting the manager itself when the
	 * profile runs its own (supervisord, s6-svscan). Idempotent.
	 */
	void load(ProfileGeneration generation);

	/** Starts one instance; returns once the manager has accepted it. Throws with the manager's words if it refuses. */
	void start(ProfileGeneration generation, InstanceEntry instance);

	/** Stops one instance and waits until it is gone. Stopping an instance that does not run is not an error. */
	void stop(ProfileGeneration generation, InstanceEntry instance);

	/** What the manager says about the instance now. */
	InstanceStatus status(ProfileGeneration generation, InstanceEntry instance);

}
