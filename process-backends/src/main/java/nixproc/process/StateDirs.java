package nixproc.process;

import java.util.Optional;

/**
 * The directories a profile is built against. {@link #derive} applies the seed's rule (reference §5.3): everything
 * below {@code stateDir}, except that {@code tmpDir} is {@code /tmp} when {@code stateDir} is exactly {@code /var}.
 */
public record StateDirs(String stateDir, String runtimeDir, String logDir, String tmpDir, String cacheDir,
		String spoolDir, String lockDir, String libDir) {

	public static final String DEFAULT_STATE_DIR = "/var";

	public static StateDirs defaults() {
		return derive(DEFAULT_STATE_DIR, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
	}

	public static StateDirs derive(String stateDir, Optional<String> runtimeDir, Optional<String> logDir,
			Optional<String> tmpDir, Optional<String> cacheDir) {
		return derive(stateDir, runtimeDir, logDir, tmpDir, cacheDir, Optional.empty(), Optional.empty(), Optional.empty());
	}

	/** As the seed's tools take all eight: each given one as it is, the others below {@code stateDir}. */
	public static StateDirs derive(String stateDir, Optional<String> runtimeDir, Optional<String> logDir,
			Optional<String> tmpDir, Optional<String> cacheDir, Optional<String> spoolDir, Optional<String> lockDir,
			Optional<String> libDir) {
		String state = stateDir.length() > 1 && stateDir.endsWith("/") ? stateDir.substring(0, stateDir.length() - 1) : stateDir;
		return new StateDirs(state, runtimeDir.orElse(state + "/run"), logDir.orElse(state + "/log"),
				tmpDir.orElse(DEFAULT_STATE_DIR.equals(state) ? "/tmp" : state + "/tmp"), cacheDir.orElse(state + "/cache"),
				spoolDir.orElse(state + "/spool"), lockDir.orElse(state + "/lock"), libDir.orElse(state + "/lib"));
	}

}
