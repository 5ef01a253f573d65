package nixproc.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The activation contract on s6: the s6-rc backend's generator with process-backends' s6-svscan driver, which runs
 * on plain s6 (Debian has no s6-rc). Issue 8 item 7 asks for agents with sysvinit, supervisord and s6 backends.
 */
class S6ActivationTest extends ActivationContract {

	@Override
	String processManager() {
		return "s6-rc";
	}

	/** s6-svscan runs per profile, below the agent's state dir; a test that fails before undeploying leaves it. */
	@Override
	void stopManager(Path profileDir) throws Exception {
		Path scan = agents.stateDir("alpha").resolve("var/run/service");
		if (Files.isDirectory(scan)) {
			new ProcessBuilder("s6-svscanctl", "-t", scan.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
		}
	}

}
