package nixproc.backend.s6rc;

/**
 * What {@code overrides.s6-rc} can change: the seed's {@code createLongRunService} properties that are files of the
 * source directory, plus where {@code execlineb} lives (Debian: {@code /usr/bin/execlineb}; Alpine and s6-based
 * distributions: {@code /bin/execlineb}).
 *
 * @param timeoutKill {@code timeout-kill} in milliseconds; 0 writes no file
 * @param timeoutFinish {@code timeout-finish} in milliseconds; 0 writes no file
 * @param downSignal {@code down-signal}, a signal name; empty writes no file (s6 sends SIGTERM)
 * @param logService whether a longrun gets its {@code <name>-log} companion in a pipeline (the seed's
 * {@code autoGenerateLogService})
 * @param logUser the account the logger runs as when privileged, created with the profile (the seed's
 * {@code s6-log}; its {@code s6-svscan} constructor names one per scan directory, {@code s6-log<suffix>})
 */
record S6rcParameters(String execlineb, boolean flagEssential, int timeoutKill, int timeoutFinish, String downSignal,
		boolean logService, String logUser) {

	static final S6rcParameters DEFAULTS = new S6rcParameters("/usr/bin/execlineb", false, 0, 0, "", true, "s6-log");

	S6rcParameters {
		execlineb = execlineb == null ? DEFAULTS.execlineb : execlineb;
		downSignal = downSignal == null ? "" : downSignal;
		logUser = logUser == null ? DEFAULTS.logUser : logUser;
	}

}
