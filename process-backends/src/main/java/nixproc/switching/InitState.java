package nixproc.switching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandRunner;

/**
 * The seed's {@code nixproc-init-state} (reference §4.3), run before a switch: the state directories the profile's
 * processes write to. A tmp dir created here for a privileged deployment is {@code 1777}, so that processes running
 * as their own users can write their PID files there (the seed's PID directory for an instance with a user);
 * {@code $stateDir/tmp} is a symlink to {@code /tmp} when that is the tmp dir.
 */
public final class InitState {

	private InitState() {
	}

	public static void create(Layout layout, CommandRunner runner) {
		StateDirs dirs = layout.dirs();
		try {
			Files.createDirectories(Path.of(dirs.stateDir()));
			Path tmp = Path.of(dirs.tmpDir());
			if (!Files.isDirectory(tmp)) {
				Files.createDirectories(tmp);
				if (!layout.forceDisableUserChange()) {
					// the sticky bit is beyond java.nio's permissions
					CommandFailedException.check(runner, Command.of("chmod", "1777", tmp.toString()));
				}
			}
			Path stateTmp = Path.of(dirs.stateDir(), "tmp");
			if (tmp.equals(Path.of("/tmp")) && !Files.exists(stateTmp, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
				Files.createSymbolicLink(stateTmp, tmp);
			}
			for (String dir : List.of(dirs.runtimeDir(), dirs.logDir(), dirs.cacheDir(), dirs.spoolDir(), dirs.lockDir(),
					dirs.libDir())) {
				Files.createDirectories(Path.of(dir));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the state directories under " + dirs.stateDir(), ex);
		}
	}

}
