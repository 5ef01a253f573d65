package nixproc.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.model.BackendKind;

/**
 * The commands each process manager's driver runs, and where to get them, checked before {@code nixproc switch}
 * changes anything: a missing manager is then a one-line message naming the package, not a failed start halfway
 * through a switch. (The drivers themselves only report "cannot run supervisord" from the command runner.)
 */
final class ManagerCommands {

	/** A command the driver needs and what provides it. */
	record Needed(String command, String provider) {
	}

	private static final Map<BackendKind, List<Needed>> NEEDED = Map.of(
			BackendKind.SUPERVISORD, List.of(new Needed("supervisord", "the Debian package supervisor"),
					new Needed("supervisorctl", "the Debian package supervisor")),
			BackendKind.S6_RC, List.of(new Needed("s6-svscan", "the Debian package s6"),
					new Needed("s6-rc-compile", "the Debian package s6-rc")),
			BackendKind.SYSTEMD, List.of(new Needed("systemctl", "the Debian package systemd")),
			BackendKind.DOCKER, List.of(new Needed("docker", "the Debian package docker.io")),
			BackendKind.LAUNCHD, List.of(new Needed("launchctl", "macOS (launchd is not available on Linux)")),
			BackendKind.BSDRC, List.of(new Needed("rcorder", "FreeBSD's base system (rc.d is not available on Linux)")),
			BackendKind.CYGRUNSRV, List.of(new Needed("cygrunsrv", "Cygwin's cygrunsrv package")));

	private ManagerCommands() {
	}

	/** The first command of {@code kind} that is not on {@code PATH}, if any. */
	static Optional<Needed> missing(BackendKind kind, String path) {
		List<Path> dirs = new ArrayList<>();
		for (String dir : path.split(File.pathSeparator)) {
			if (!dir.isEmpty()) {
				dirs.add(Path.of(dir));
			}
		}
		return NEEDED.getOrDefault(kind, List.of())
			.stream()
			.filter(needed -> dirs.stream().noneMatch(dir -> Files.isExecutable(dir.resolve(needed.command()))))
			.findFirst();
	}

}
