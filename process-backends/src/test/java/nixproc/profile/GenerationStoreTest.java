package nixproc.profile;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import nixproc.backend.GeneratedFiles;
import nixproc.model.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationStoreTest {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	@TempDir
	Path stateDir;

	private GenerationStore store() {
		return new GenerationStore(GenerationStore.profileDir(stateDir, "default"), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void writesNumberedGenerationsWithFilesAndManifestAndPointsCurrentAtOne() throws Exception {
		GenerationStore store = store();
		ProfileGeneration first = store.write(files("one"), manifest(NOW, entry("webapp1")));
		ProfileGeneration second = store.write(files("two"), manifest(NOW, entry("webapp1"), entry("nginx")));
		store.makeCurrent(first.number());

		assertThat(first.number()).isEqualTo(1);
		assertThat(second.number()).isEqualTo(2);
		assertThat(second.directory()).isEqualTo(stateDir.resolve("nixproc/profiles/default/2"));
		assertThat(Files.readString(second.directory().resolve("etc/rc.d/init.d/webapp1"))).isEqualTo("two");
		assertThat(store.current()).map(ProfileGeneration::number).contains(1);
		assertThat(store.list()).extracting(ProfileGeneration::number).containsExactly(1, 2);

		store.makeCurrent(2);
		ProfileGeneration reread = new GenerationStore(store.directory()).current().orElseThrow();
		assertThat(reread.manifest()).isEqualTo(second.manifest());
		assertThat(reread.manifest().instance("webapp1").orElseThrow().readiness())
			.contains(new Readiness(Optional.of(5000), Optional.empty(), List.of(), 30));
	}

	// #17: generations hold environment values (unit files, scripts, supervisord sections); before, they were 0644
	// files in 0755 directories, readable by every local user
	@Test
	void aGenerationIsReadableByItsOwnerOnly() throws Exception {
		Path profileDir = GenerationStore.profileDir(stateDir, "default");
		Files.createDirectories(profileDir);
		Files.setPosixFilePermissions(profileDir, PosixFilePermissions.fromString("rwxr-xr-x")); // an older nixproc's
		GeneratedFiles files = GeneratedFiles.builder()
			.text("etc/systemd/system/nix-process-db.service", "[Service]\nEnvironment=\"PASSWORD=s3cret\"\n", false)
			.text("etc/rc.d/init.d/db", "#!/bin/sh\nexport PASSWORD='s3cret'\n", true)
			.symlink("etc/rc.d/rc3.d/S00db", "../init.d/db")
			.build();

		ProfileGeneration generation = store().write(files, manifest(NOW, entry("db")));

		assertThat(mode(profileDir)).isEqualTo("rwx------");
		assertThat(mode(generation.directory())).isEqualTo("rwx------");
		assertThat(mode(generation.directory().resolve("etc/systemd/system"))).isEqualTo("rwx------");
		assertThat(mode(generation.directory().resolve("etc/systemd/system/nix-process-db.service"))).isEqualTo("rw-------");
		assertThat(mode(generation.directory().resolve("etc/rc.d/init.d/db"))).isEqualTo("rwx------");
		assertThat(mode(generation.directory().resolve(GenerationStore.MANIFEST))).isEqualTo("rw-------");
		assertThat(Files.readSymbolicLink(generation.directory().resolve("etc/rc.d/rc3.d/S00db"))).isEqualTo(Path.of("../init.d/db"));
		try (var paths = Files.walk(profileDir)) {
			assertThat(paths.filter(p -> !Files.isSymbolicLink(p)).toList()).allSatisfy(path -> assertThat(
					Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)).as(path.toString())
				.doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
						PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
		}
	}

	private static String mode(Path path) throws java.io.IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

	@Test
	void anEmptyProfileIsAGenerationToo() {
		GenerationStore store = store();
		ProfileGeneration empty = store.write(GeneratedFiles.empty(), manifest(NOW));
		assertThat(empty.directory()).isDirectory();
		assertThat(store.get(1)).map(g -> g.manifest().instances()).contains(List.of());
	}

	@Test
	void leftoversOfAnInterruptedWriteAreNotGenerations() throws Exception {
		GenerationStore store = store();
		store.write(files("one"), manifest(NOW, entry("a")));
		Path halfWritten = store.directory().resolve(".tmp-crashed/etc");
		Files.createDirectories(halfWritten);
		Files.createDirectories(store.directory().resolve("7"));

		assertThat(store.list()).extracting(ProfileGeneration::number).containsExactly(1);
		assertThat(store.write(files("two"), manifest(NOW, entry("a"))).number()).isEqualTo(2);
	}

	@Test // #17
	void aGenerationCutShortByACrashIsQuarantinedAndTheStoreWorksOn() throws Exception {
		GenerationStore store = store();
		store.write(files("one"), manifest(NOW, entry("a")));
		ProfileGeneration second = store.write(files("two"), manifest(NOW, entry("a")));
		ProfileGeneration third = store.write(files("three"), manifest(NOW, entry("a")));
		store.makeCurrent(2);
		// what a power cut leaves of unsynced writes: an empty manifest, one cut in the middle
		Files.write(second.directory().resolve(GenerationStore.MANIFEST), new byte[0]);
		String manifest = Files.readString(third.directory().resolve(GenerationStore.MANIFEST));
		Files.writeString(third.directory().resolve(GenerationStore.MANIFEST), manifest.substring(0, manifest.length() / 2));

		// a restart: a new store over the same directory
		GenerationStore restarted = new GenerationStore(store.directory());
		assertThat(restarted.current()).isEmpty();
		assertThat(restarted.list()).extracting(ProfileGeneration::number).containsExactly(1);
		try (var quarantined = Files.list(store.directory().resolve("quarantine"))) {
			assertThat(quarantined.map(p -> p.getFileName().toString().substring(0, 2))).containsExactlyInAnyOrder("2-",
					"3-");
		}
		ProfileGeneration next = restarted.write(files("again"), manifest(NOW, entry("a")));
		restarted.makeCurrent(next.number());
		assertThat(restarted.current()).map(g -> g.number()).contains(2);
		assertThat(Files.readString(next.directory().resolve("etc/rc.d/init.d/webapp1"))).isEqualTo("again");
	}

	@Test
	void deletesByNumberAgeOrAllButCurrentNeverTheCurrentOne() {
		GenerationStore store = store();
		store.write(files("1"), manifest(NOW.minusSeconds(40 * 86400), entry("a")));
		store.write(files("2"), manifest(NOW.minusSeconds(10 * 86400), entry("a")));
		store.write(files("3"), manifest(NOW, entry("a")));
		store.write(files("4"), manifest(NOW, entry("a")));
		store.makeCurrent(1);

		assertThat(store.delete(GenerationStore.Deletion.parse(List.of("30d")))).isEmpty();
		assertThat(store.delete(GenerationStore.Deletion.parse(List.of("3")))).containsExactly(3);
		store.makeCurrent(4);
		assertThat(store.delete(GenerationStore.Deletion.parse(List.of("30d")))).containsExactly(1);
		assertThat(store.delete(GenerationStore.Deletion.parse(List.of("old")))).containsExactly(2);
		assertThat(store.list()).extracting(ProfileGeneration::number).containsExactly(4);
	}

	@Test
	void deletingGenerationsRemovesTheGcRootsOnlyTheyUsed(@TempDir Path store) throws Exception {
		GenerationStore generations = store();
		Path old = root(generations.gcRoots("aa"), store.resolve("old-package"), NOW.minusSeconds(7200));
		Path shared = root(generations.gcRoots("bb"), store.resolve("shared-package"), NOW.minusSeconds(7200));
		Path current = root(generations.gcRoots("cc"), store.resolve("current-package"), NOW.minusSeconds(3600));
		generations.write(files("1"), manifest(NOW.minusSeconds(7000), "aa"));
		generations.write(files("2"), manifest(NOW.minusSeconds(6000), "bb"));
		generations.write(files("3"), manifest(NOW.minusSeconds(5000), "bb"));
		generations.write(files("4"), manifest(NOW.minusSeconds(3000), "cc"));
		generations.makeCurrent(4);
		// a switch that has realised its model but not yet written its generation
		Path inProgress = root(generations.gcRoots("dd"), store.resolve("next-package"), NOW.minusSeconds(60));

		assertThat(generations.delete(GenerationStore.Deletion.parse(List.of("1", "2")))).containsExactly(1, 2);

		assertThat(old.getParent()).doesNotExist();
		assertThat(store.resolve("old-package")).as("only the link goes, never what it points at").isDirectory();
		assertThat(shared).isSymbolicLink();
		assertThat(current).isSymbolicLink();
		assertThat(inProgress).isSymbolicLink();
		assertThat(generations.delete(GenerationStore.Deletion.parse(List.of("old")))).containsExactly(3);
		assertThat(shared.getParent()).doesNotExist();
		assertThat(current).isSymbolicLink();
		assertThatThrownBy(() -> generations.gcRoots("../x")).isInstanceOf(IllegalArgumentException.class);
	}

	/** A GC root as nix-store --add-root leaves it: a link to a store path, in a directory last changed at {@code when}. */
	private static Path root(Path dir, Path target, Instant when) throws Exception {
		Files.createDirectories(target);
		Files.createDirectories(dir);
		Path link = Files.createSymbolicLink(dir.resolve("root-0"), target);
		Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.from(when));
		return link;
	}

	@Test
	void badDeletionArgumentsAreNamed() {
		assertThatThrownBy(() -> GenerationStore.Deletion.parse(List.of("yesterday")))
			.hasMessageContaining("'yesterday'");
		assertThatThrownBy(() -> GenerationStore.Deletion.parse(List.of())).hasMessageContaining("N…, Nd or old");
	}

	@Test
	void oneSwitchAtATimePerProfile() throws Exception {
		GenerationStore store = store();
		try (FileChannel held = store.lock()) {
			assertThat(held.isOpen()).isTrue();
			// a second JVM would be refused; within one JVM the JDK reports the overlap itself
			assertThatThrownBy(store::lock).isInstanceOf(RuntimeException.class);
		}
		try (FileChannel again = store.lock()) {
			assertThat(again.isOpen()).isTrue();
		}
	}

	@Test
	void makeCurrentOfAMissingGenerationIsRefused() {
		assertThatThrownBy(() -> store().makeCurrent(9)).hasMessageContaining("generation 9 does not exist");
	}

	private static GeneratedFiles files(String content) {
		return GeneratedFiles.builder().text("etc/rc.d/init.d/webapp1", content, true).build();
	}

	private static ProfileManifest manifest(Instant createdAt, InstanceEntry... entries) {
		return manifest(createdAt, "abc", entries);
	}

	private static ProfileManifest manifest(Instant createdAt, String modelHash, InstanceEntry... entries) {
		return new ProfileManifest(ProfileManifest.FORMAT_VERSION, 0, "sysvinit", createdAt, modelHash, List.of(entries),
				ProfileManifest.AccountNames.NONE);
	}

	private static InstanceEntry entry(String name) {
		return new InstanceEntry(name, "h-" + name, List.of(), List.of("etc/rc.d/init.d/" + name),
				Optional.of("/run/" + name + ".pid"), Optional.of(new Readiness(Optional.of(5000), Optional.empty(), List.of(), 30)),
				Optional.empty(), Optional.of("/var/log/" + name + ".log"));
	}

}
