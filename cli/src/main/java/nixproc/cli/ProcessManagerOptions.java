package nixproc.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.model.BackendKind;
import picocli.CommandLine.Option;

/** {@code -P/--process-manager}: which backend to generate for. */
final class ProcessManagerOptions {

	@Option(names = { "-P", "--process-manager" }, required = true, paramLabel = "MANAGER",
			description = "Process manager: sysvinit, bsdrc, supervisord, systemd, launchd, cygrunsrv, s6-rc, synit, docker, disnix.")
	String processManager = "";

	Backend backend() {
		BackendKind kind = BackendKind.byId(processManager)
			.orElseThrow(() -> new UsageException("--process-manager: unknown process manager " + processManager + "; known: "
					+ Arrays.stream(BackendKind.values()).map(BackendKind::id).collect(Collectors.joining(", "))));
		return Backends.byKind(kind)
			.orElseThrow(() -> new UsageException("--process-manager: " + kind.id() + " has no generator yet; available: "
					+ Backends.all().stream().map(b -> b.kind().id()).collect(Collectors.joining(", "))));
	}

}
