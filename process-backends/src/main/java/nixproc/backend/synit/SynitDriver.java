package nixproc.backend.synit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import nixproc.backend.Driver;
import nixproc.backend.InstanceStatus;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;

/**
 * Asserts and retracts services by symlinking {@code .pr} files into syndicate-server's watched configuration
 * directory ({@code SYNIT_TARGET_DIR}, default {@code /etc/syndicate/services}), as the seed's deploy tool; the
 * server's config watcher does the rest. A link is replaced by renaming a new one over it, so the watcher never
 * sees a half-asserted service. No commands run: synit has no control CLI.
 */
final class SynitDriver implements Driver {

	private final Path targetDir;

	SynitDriver(Path targetDir) {
		this.targetDir = targetDir;
	}

	/**
	 * Re-points every asserted service of the generation whose link still leads into another generation: an
	 * instance kept unchanged across a switch is not started again, and its old generation may be deleted. Same
	 * content, so syndicate-server sees the same assertions; links that already point here are left alone.
	 */
	@Override
	public void load(ProfileGeneration generation) {
		for (InstanceEntry instance : generation.manifest().instances()) {
			String file = serviceFile(instance);
			Path link = link(file);
			Path target = generation.directory().resolve(file).toAbsolutePath();
			try {
				if (Files.isSymbolicLink(link) && !Files.readSymbolicLink(link).equals(target)) {
					replace(link, target);
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException("cannot re-point " + link + ": " + e.getMessage(), e);
			}
		}
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		String file = serviceFile(instance);
		Path link = link(file);
		Path target = generation.directory().resolve(file).toAbsolutePath();
		try {
			replace(link, target);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot assert " + link + ": " + e.getMessage(), e);
		}
	}

	/** A new link renamed over the old one, so the watcher never sees the service missing. */
	private void replace(Path link, Path target) throws IOException {
		Files.createDirectories(targetDir);
		Path tmp = targetDir.resolve("." + link.getFileName() + "-" + UUID.randomUUID());
		Files.createSymbolicLink(tmp, target);
		Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		Path link = link(serviceFile(instance));
		try {
			Files.deleteIfExists(link);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot retract " + link + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Asserted (the link points at this generation's file) counts as running: synit cannot be asked, readiness
	 * probes tell the truth. A link to another generation's file is that generation's service: unknown here.
	 */
	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		String file = serviceFile(instance);
		Path link = link(file);
		try {
			if (!Files.isSymbolicLink(link)) {
				return Files.exists(link, LinkOption.NOFOLLOW_LINKS) ? InstanceStatus.UNKNOWN : InstanceStatus.STOPPED;
			}
			return Files.readSymbolicLink(link).equals(generation.directory().resolve(file).toAbsolutePath())
					? InstanceStatus.RUNNING : InstanceStatus.UNKNOWN;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private Path link(String file) {
		return targetDir.resolve(file.substring(file.lastIndexOf('/') + 1));
	}

	private static String serviceFile(InstanceEntry instance) {
		return instance.files()
			.stream()
			.filter(file -> file.startsWith(SynitGenerator.SERVICE_DIR) && file.endsWith(".pr"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no .pr file among the files of " + instance.name() + ": " + instance.files()));
	}

}
