package nixproc.cli;

import java.util.Optional;

import nixproc.process.Layout;
import nixproc.process.StateDirs;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The seed's directory options; unset ones derive from {@code --state-dir} as the seed does. Each has the seed's
 * {@code NIXPROC_*} environment variable as its default; an option on the command line wins.
 */
final class StateDirOptions {

	@Option(names = "--state-dir", description = "State directory (default: ${DEFAULT-VALUE}; env NIXPROC_STATE_DIR).",
			defaultValue = "${env:NIXPROC_STATE_DIR:-" + StateDirs.DEFAULT_STATE_DIR + "}")
	String stateDir = StateDirs.DEFAULT_STATE_DIR;

	@Option(names = "--runtime-dir", description = "Runtime directory (default: <state-dir>/run; env NIXPROC_RUNTIME_DIR).",
			defaultValue = "${env:NIXPROC_RUNTIME_DIR}")
	Optional<String> runtimeDir = Optional.empty();

	@Option(names = "--log-dir", description = "Log directory (default: <state-dir>/log; env NIXPROC_LOG_DIR).",
			defaultValue = "${env:NIXPROC_LOG_DIR}")
	Optional<String> logDir = Optional.empty();

	@Option(names = "--tmp-dir", description = "Temp directory (default: /tmp for /var, else <state-dir>/tmp; env NIXPROC_TMP_DIR).",
			defaultValue = "${env:NIXPROC_TMP_DIR}")
	Optional<String> tmpDir = Optional.empty();

	@Option(names = "--cache-dir", description = "Cache directory (default: <state-dir>/cache; env NIXPROC_CACHE_DIR).",
			defaultValue = "${env:NIXPROC_CACHE_DIR}")
	Optional<String> cacheDir = Optional.empty();

	@Option(names = "--spool-dir", description = "Spool directory (default: <state-dir>/spool; env NIXPROC_SPOOL_DIR).",
			defaultValue = "${env:NIXPROC_SPOOL_DIR}")
	Optional<String> spoolDir = Optional.empty();

	@Option(names = "--lock-dir", description = "Lock directory (default: <state-dir>/lock; env NIXPROC_LOCK_DIR).",
			defaultValue = "${env:NIXPROC_LOCK_DIR}")
	Optional<String> lockDir = Optional.empty();

	@Option(names = "--lib-dir", description = "Library directory (default: <state-dir>/lib; env NIXPROC_LIB_DIR).",
			defaultValue = "${env:NIXPROC_LIB_DIR}")
	Optional<String> libDir = Optional.empty();

	// the seed's tools test NIXPROC_FORCE_DISABLE_USER_CHANGE=1, which picocli's boolean converter would reject
	@Option(names = "--force-disable-user-change", description = "Never switch users (unprivileged deployment; env NIXPROC_FORCE_DISABLE_USER_CHANGE=1).",
			defaultValue = "${env:NIXPROC_FORCE_DISABLE_USER_CHANGE:-0}", converter = SeedBoolean.class)
	boolean forceDisableUserChange;

	/** {@code 1}/{@code true}/{@code yes} and {@code 0}/{@code false}/{@code no}/empty, as the seed's shell tests them. */
	static final class SeedBoolean implements ITypeConverter<Boolean> {

		@Override
		public Boolean convert(String value) {
			switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
				case "1", "true", "yes":
					return true;
				case "", "0", "false", "no":
					return false;
				default:
					throw new TypeConversionException("expected 1 or 0 (NIXPROC_FORCE_DISABLE_USER_CHANGE), got '" + value + "'");
			}
		}

	}

	Layout layout() {
		for (String dir : new String[] { stateDir, runtimeDir.orElse("/"), logDir.orElse("/"), tmpDir.orElse("/"), cacheDir.orElse("/"),
				spoolDir.orElse("/"), lockDir.orElse("/"), libDir.orElse("/") }) {
			if (!dir.startsWith("/")) {
				throw new UsageException("directories must be absolute paths, got " + dir);
			}
		}
		return new Layout(StateDirs.derive(stateDir, runtimeDir, logDir, tmpDir, cacheDir, spoolDir, lockDir, libDir),
				forceDisableUserChange);
	}

}
