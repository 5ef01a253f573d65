package nixproc.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import nixproc.backend.GeneratedFiles;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The generations of one profile. Not thread-safe: a switch holds {@link #lock()} while it uses the store. */
public final class GenerationStore {

	static final String MANIFEST = "generation.json";

	private static final String CURRENT = "current";

	private static final String GC_ROOTS = "gcroots";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Path profileDir;

	private final Clock clock;

	public GenerationStore(Path profileDir, Clock clock) {
		this.profileDir = profileDir;
		this.clock = clock;
	}

	public GenerationStore(Path profileDir) {
		this(profileDir, Clock.systemUTC());
	}

	/** {@code <stateDir>/nixproc/profiles/<profile>}, the seed's profile location without the Nix store. */
	public static Path profileDir(Path stateDir, String profile) {
		return stateDir.resolve("nixproc").resolve("profiles").resolve(profile);
	}

	public Path directory() {
		return profileDir;
	}

	/**
	 * Where the Nix GC roots of the store paths of a model go ({@code nix-store --add-root}), one directory per
	 * model hash, shared by the generations built from that model; {@link #delete} removes those no generation
	 * uses any more, so that {@code nix-store --gc} can collect their paths.
	 */
	public Path gcRoots(String modelHash) {
		if (!modelHash.matches("[0-9a-f]+")) {
			throw new IllegalArgumentException("not a model hash: '" + modelHash + "'");
		}
		return profileDir.resolve(GC_ROOTS).resolve(modelHash);
	}

	/** All generations, oldest first. */
	public List<ProfileGeneration> list() {
		if (!Files.isDirectory(profileDir)) {
			return List.of();
		}
		List<ProfileGeneration> generations = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(profileDir, "[0-9]*")) {
			for (Path dir : entries) {
				if (dir.getFileName().toString().matches("[0-9]+") && Files.isRegularFile(dir.resolve(MANIFEST))) {
					readOrQuarantine(dir).ifPresent(generations::add);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		generations.sort(Comparator.comparingInt(ProfileGeneration::number));
		return List.copyOf(generations);
	}

	public Optional<ProfileGeneration> get(int number) {
		Path dir = profileDir.resolve(Integer.toString(number));
		return Files.isRegularFile(dir.resolve(MANIFEST)) ? readOrQuarantine(dir) : Optional.empty();
	}

	/** The generation {@code current} points at, if any. */
	public Optional<ProfileGeneration> current() {
		Path link = profileDir.resolve(CURRENT);
		if (!Files.isSymbolicLink(link)) {
			return Optional.empty();
		}
		try {
			String target = Files.readSymbolicLink(link).toString();
			return target.matches("[0-9]+") ? get(Integer.parseInt(target)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes a new generation, numbered one above the highest so far, completely or not at all: the files go to a
	 * temporary directory, which is renamed into place once the manifest is on disk. Every file and directory is
	 * synced before the rename and the profile directory after it (#17): a rename can reach the disk before the
	 * data it names, and a crash then leaves a generation of empty or cut files.
	 */
	public ProfileGeneration write(GeneratedFiles files, ProfileManifest manifest) {
		try {
			createPrivateDirectory();
			Path tmp = profileDir.resolve(".tmp-" + UUID.randomUUID());
			try {
				// owner-only before anything is written into it, so there is no moment others can read a file
				if (POSIX) {
					Files.createDirectory(tmp, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
				}
				else {
					Files.createDirectory(tmp);
				}
				files.writeTo(tmp);
				int number = list().stream().mapToInt(ProfileGeneration::number).max().orElse(0) + 1;
				ProfileManifest numbered = manifest.numbered(number);
				Files.writeString(tmp.resolve(MANIFEST), JSON.writeValueAsString(numbered));
				restrictTree(tmp);
				syncTree(tmp);
				Path dir = profileDir.resolve(Integer.toString(number));
				Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
				sync(profileDir);
				return new ProfileGeneration(number, dir, numbered);
			}
			finally {
				deleteRecursively(tmp);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write a generation under " + profileDir + ": " + ex.getMessage(), ex);
		}
	}

	/** Points {@code current} at a generation, atomically (a new link renamed over the old one). */
	public void makeCurrent(int number) {
		if (get(number).isEmpty()) {
			throw new IllegalArgumentException("generation " + number + " does not exist in " + profileDir);
		}
		try {
			Path tmp = profileDir.resolve(".current-" + UUID.randomUUID());
			Files.createSymbolicLink(tmp, Path.of(Integer.toString(number)));
			try {
				Files.move(tmp, profileDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				sync(profileDir);
			}
			catch (AtomicMoveNotSupportedException | FileAlreadyExistsException ex) {
				Files.deleteIfExists(tmp);
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes generations, and the GC roots no remaining generation uses; the current one is never deleted.
	 * @return the numbers deleted
	 */
	public List<Integer> delete(Deletion deletion) {
		int current = current().map(ProfileGeneration::number).orElse(-1);
		Instant now = clock.instant();
		List<Integer> deleted = new ArrayList<>();
		for (ProfileGeneration generation : list()) {
			if (generation.number() != current && deletion.matches(generation, now)) {
				deleteRecursively(generation.directory());
				deleted.add(generation.number());
			}
		}
		deleteUnusedGcRoots();
		return deleted;
	}

	/**
	 * Deletes every generation, the current one too, and the pointer to it, and the GC roots of their models (the
	 * seed's {@code --delete-all-generations}). The caller decides whether that is safe: what the current generation
	 * started keeps running, unknown to the profile.
	 * @return the numbers deleted
	 */
	public List<Integer> deleteAll() {
		List<Integer> deleted = new ArrayList<>();
		try {
			Files.deleteIfExists(profileDir.resolve(CURRENT));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (ProfileGeneration generation : list()) {
			deleteRecursively(generation.directory());
			deleted.add(generation.number());
		}
		deleteRecursively(profileDir.resolve(GC_ROOTS));
		return deleted;
	}

	/**
	 * Removes the root directories of models no generation is built from. A directory written after the newest
	 * generation stays: a switch realises before it writes its generation (or it failed, and its roots go with
	 * the next deletion after a later switch).
	 */
	private void deleteUnusedGcRoots() {
		Path roots = profileDir.resolve(GC_ROOTS);
		if (!Files.isDirectory(roots)) {
			return;
		}
		List<ProfileGeneration> remaining = list();
		Set<String> used = remaining.stream().map(g -> g.manifest().modelHash()).collect(Collectors.toSet());
		Instant newest = remaining.stream().map(g -> g.manifest().createdAt()).max(Comparator.naturalOrder()).orElse(Instant.MIN);
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(roots)) {
			for (Path dir : entries) {
				if (!used.contains(dir.getFileName().toString())
						&& Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(newest)) {
					// the roots are symbolic links into the store: only the links go, never what they point at
					deleteRecursively(dir);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Takes the profile's switch lock: one switch at a time per profile. The lock dies with the process, so a
	 * {@code kill -9} never leaves a profile locked.
	 */
	public FileChannel lock() {
		try {
			createPrivateDirectory();
			FileChannel channel = FileChannel.open(profileDir.resolve("switch.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			if (channel.tryLock() == null) {
				channel.close();
				throw new IllegalStateException("another nixproc switch is running on profile " + profileDir);
			}
			return channel;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot lock " + profileDir + ": " + ex.getMessage(), ex);
		}
	}

	/** Where unreadable generations are moved, out of every listing, kept for a human to look at. */
	static final String QUARANTINE = "quarantine";

	/**
	 * The generation in {@code dir}; empty, and the directory moved to {@value #QUARANTINE}, when its manifest cannot
	 * be read (#17: a generation cut short by a crash broke every later command that listed the generations). A
	 * manifest of a newer format is no damage and still refused.
	 */
	private Optional<ProfileGeneration> readOrQuarantine(Path dir) {
		try {
			return Optional.of(read(dir));
		}
		catch (UncheckedIOException | tools.jackson.core.JacksonException | IllegalArgumentException ex) {
			Path quarantined = profileDir.resolve(QUARANTINE).resolve(dir.getFileName() + "-" + UUID.randomUUID());
			try {
				Files.createDirectories(quarantined.getParent());
				Files.move(dir, quarantined, StandardCopyOption.ATOMIC_MOVE);
				sync(profileDir);
			}
			catch (IOException moveFailed) {
				ex.addSuppressed(moveFailed);
				throw new UncheckedIOException("generation " + dir + " is unreadable and cannot be moved aside: "
						+ ex.getMessage(), moveFailed);
			}
			System.getLogger(GenerationStore.class.getName()).log(System.Logger.Level.WARNING,
					"generation {0} is unreadable ({1}); moved to {2}", dir, ex.getMessage(), quarantined);
			return Optional.empty();
		}
	}

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

	/**
	 * The profile directory, made if missing and owner-only (#17): generations hold environment values, the journal
	 * and the manifests what runs where. Only root (or, unprivileged, the caller) reads them: every manager reads its
	 * files as root, or as the caller who runs it, and switches user only after (see SECURITY.md). A directory an
	 * older nixproc made 0755 is tightened here, so its older generations are covered too.
	 */
	private void createPrivateDirectory() throws IOException {
		Files.createDirectories(profileDir);
		if (POSIX) {
			Files.setPosixFilePermissions(profileDir, PRIVATE_DIRECTORY);
		}
	}

	/**
	 * Directories and executables below {@code root} 0700, other files 0600; links are left alone (their mode means
	 * nothing on Linux, and they point within the generation or into the store).
	 */
	private static void restrictTree(Path root) throws IOException {
		if (!POSIX) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.toList()) {
				if (Files.isSymbolicLink(path)) {
					continue;
				}
				boolean directoryOrExecutable = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
						|| Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
				Files.setPosixFilePermissions(path, directoryOrExecutable ? PRIVATE_DIRECTORY : PRIVATE_FILE);
			}
		}
	}

	/** Syncs every file and directory below {@code root}, then {@code root}. */
	private static void syncTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				if (!Files.isSymbolicLink(path)) {
					sync(path);
				}
			}
		}
	}

	private static void sync(Path path) throws IOException {
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	private static ProfileGeneration read(Path dir) {
		try {
			ProfileManifest manifest = JSON.readValue(Files.readString(dir.resolve(MANIFEST)), ProfileManifest.class);
			if (manifest == null) {
				throw new UncheckedIOException(new IOException(dir.resolve(MANIFEST) + " holds no manifest"));
			}
			if (manifest.formatVersion() > ProfileManifest.FORMAT_VERSION) {
				throw new IllegalStateException(dir.resolve(MANIFEST) + " has format version " + manifest.formatVersion()
						+ "; this nixproc reads up to " + ProfileManifest.FORMAT_VERSION);
			}
			return new ProfileGeneration(Integer.parseInt(dir.getFileName().toString()), dir, manifest);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes a directory tree, not following symbolic links; nothing when it does not exist. */
	public static void deleteRecursively(Path root) {
		if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Which generations {@code --delete-generations} removes: numbers, older than a number of days, or all but current. */
	public sealed interface Deletion permits Deletion.Numbers, Deletion.OlderThan, Deletion.AllButCurrent {

		boolean matches(ProfileGeneration generation, Instant now);

		/** Parses the seed's arguments: {@code 3 4}, {@code 30d} or {@code old}. */
		static Deletion parse(List<String> args) {
			if (args.size() == 1 && args.get(0).equals("old")) {
				return new AllButCurrent();
			}
			if (args.size() == 1 && args.get(0).matches("[0-9]+d")) {
				String days = args.get(0);
				return new OlderThan(Duration.ofDays(Long.parseLong(days.substring(0, days.length() - 1))));
			}
			List<Integer> numbers = new ArrayList<>();
			for (String arg : args) {
				if (!arg.matches("[0-9]+")) {
					throw new IllegalArgumentException("--delete-generations: expected generation numbers, Nd or old, got '" + arg + "'");
				}
				numbers.add(Integer.parseInt(arg));
			}
			if (numbers.isEmpty()) {
				throw new IllegalArgumentException("--delete-generations: name the generations (N…, Nd or old)");
			}
			return new Numbers(numbers);
		}

		record Numbers(List<Integer> numbers) implements Deletion {

			@Override
			public boolean matches(ProfileGeneration generation, Instant now) {
				return numbers.contains(generation.number());
			}

		}

		record OlderThan(Duration age) implements Deletion {

			@Override
			public boolean matches(ProfileGeneration generation, Instant now) {
				return generation.manifest().createdAt().isBefore(now.minus(age));
			}

		}

		record AllButCurrent() implements Deletion {

			@Override
			public boolean matches(ProfileGeneration generation, Instant now) {
				return true;
			}

		}

	}

}
