package nixproc.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.model.BackendKind;
import picocli.CommandLine.Option;

/** {@code -P/--process-manager}: which backend to generate for. */
final class ProcessManagerOptions {

	// not required = true: picocli would then demand the option even when NIXPROC_PROCESS_MANAGER gives it
	@Option(names = { "-P", "--process-manager" }, paramLabel = "MANAGER", defaultValue = "${env:NIXPROC_PROCESS_MANAGER}",
			description = "Process manager: sysvinit, bsdrc, supervisord, systemd, launchd, cygrunsrv, s6-rc, synit, docker, disnix"
					+ " (env NIXPROC_PROCESS_MANAGER).")
	String processManager = "";

	Backend backend() {
		if (processManager == null || processManager.isEmpty()) {
			throw new UsageException("Missing required option: '--process-manager=MANAGER' (or NIXPROC_PROCESS_MANAGER)");
		}
		BackendKind kind = BackendKind.byId(processManager)
			.orElseThrow(() -> new UsageException("--process-manager: unknown process manager " + processManager + "; known: "
					+ Arrays.stream(BackendKind.values()).map(BackendKind::id).collect(Collectors.joining(", "))));
		// BackendsTest keeps every kind implemented
		return Backends.byKind(kind).orElseThrow(() -> new IllegalStateException(kind.id() + " is listed but not implemented"));
	}

}
