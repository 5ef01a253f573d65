package nixproc.backend.sysvinit;

import nixproc.backend.Backend;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LiveDriverContract;

/**
 * The driver contract with the generated init.d scripts run for real; what is the scripts' own (the daemonisers,
 * the stop escalation) is in {@link SysvinitHostileValuesTest} and {@link SysvinitStopTest}.
 */
class SysvinitDriverTest extends LiveDriverContract {

	@Override
	protected Backend backend() {
		return new SysvinitBackend();
	}

	/**
	 * The scripts run from the generation: nothing is registered, and an instance without a process is stopped (LSB
	 * status 3).
	 */
	@Override
	protected ManagerSays managerSays() {
		return new ManagerSays(InstanceStatus.STOPPED, InstanceStatus.STOPPED, InstanceStatus.FAILED);
	}

}
