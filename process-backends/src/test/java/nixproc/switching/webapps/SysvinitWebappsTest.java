package nixproc.switching.webapps;

import nixproc.model.BackendKind;
import org.junit.jupiter.api.Nested;

/** The webapps matrix on sysvinit: the generated init.d scripts run directly. */
class SysvinitWebappsTest {

	@Nested
	@AsRoot
	class Privileged extends WebappsScenario {

		@Override
		BackendKind kind() {
			return BackendKind.SYSVINIT;
		}

		@Override
		boolean privileged() {
			return true;
		}

	}

	@Nested
	@Unprivileged
	class ForceDisableUserChange extends WebappsScenario {

		@Override
		BackendKind kind() {
			return BackendKind.SYSVINIT;
		}

		@Override
		boolean privileged() {
			return false;
		}

	}

}
