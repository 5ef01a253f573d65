package nixproc.cli;

import java.util.Optional;

import nixproc.process.Layout;
import nixproc.process.StateDirs;
import picocli.CommandLine.Option;

/** The seed's directory options; unset ones derive from {@code --state-dir} as the seed does. */
final class StateDirOptions {

	@Option(names = "--state-dir", description = "State directory (default: ${DEFAULT-VALUE}).", defaultValue = StateDirs.DEFAULT_STATE_DIR)
	String stateDir = StateDirs.DEFAULT_STATE_DIR;

	@Option(names = "--runtime-dir", description = "Runtime directory (default: <state-dir>/run).")
	Optional<String> runtimeDir = Optional.empty();

	@Option(names = "--log-dir", description = "Log directory (default: <state-dir>/log).")
	Optional<String> logDir = Optional.empty();

	@Option(names = "--tmp-dir", description = "Temp directory (default: /tmp for /var, else <state-dir>/tmp).")
	Optional<String> tmpDir = Optional.empty();

	@Option(names = "--cache-dir", description = "Cache directory (default: <state-dir>/cache).")
	Optional<String> cacheDir = Optional.empty();

	@Option(names = "--force-disable-user-change", description = "Never switch users (unprivileged deployment).")
	boolean forceDisableUserChange;

	Layout layout() {
		for (String dir : new String[] { stateDir, runtimeDir.orElse("/"), logDir.orElse("/"), tmpDir.orElse("/"), cacheDir.orElse("/") }) {
			if (!dir.startsWith("/")) {
				throw new UsageException("directories must be absolute paths, got " + dir);
			}
		}
		return new Layout(StateDirs.derive(stateDir, runtimeDir, logDir, tmpDir, cacheDir), forceDisableUserChange);
	}

}
