package nixproc.cli;

import java.nio.file.Path;

import nixproc.process.Layout;
import nixproc.profile.GenerationStore;
import picocli.CommandLine.Option;

/** {@code -p/--profile}: which profile of the state directory a command works on, as the seed's tools take it. */
final class ProfileOptions {

	@Option(names = { "-p", "--profile" }, paramLabel = "NAME", defaultValue = "${env:NIXPROC_PROFILE:-default}",
			description = "Profile (default: ${DEFAULT-VALUE}; env NIXPROC_PROFILE).")
	String profile = "default";

	/** The name, checked: it names a directory below the state directory. */
	String name() {
		if (!profile.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
			throw new UsageException("--profile: must match [A-Za-z0-9][A-Za-z0-9._-]*, got '" + profile + "'");
		}
		return profile;
	}

	/** The profile's generations in the layout's state directory. */
	GenerationStore store(Layout layout) {
		return new GenerationStore(GenerationStore.profileDir(Path.of(layout.dirs().stateDir()), name()));
	}

}
