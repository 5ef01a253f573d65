package nixproc.backend.synit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.backend.InstanceStatus;
import nixproc.process.Layout;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserting and retracting services is symlinking: verified on the file system. */
class SynitDriverTest {

	@TempDir
	Path dir;

	private Path target;

	private SynitDriver driver;

	private final InstanceEntry webapp1 = new InstanceEntry("webapp1", "h", List.of(),
			List.of("etc/syndicate/services/webapp1.pr", "dysnomia-support/users/webapp1"), Optional.empty(), Optional.empty(),
			Optional.empty(), Optional.empty());

	@BeforeEach
	void driver() {
		target = dir.resolve("services");
		driver = new SynitDriver(target);
	}

	private ProfileGeneration generation(int number) {
		Path directory = dir.resolve(String.valueOf(number));
		ProfileBuilder.build(SynitGeneratorTest.example("webapps.json"), new SynitBackend(), Layout.privileged()).files().writeTo(directory);
		return new ProfileGeneration(number, directory, new ProfileManifest(ProfileManifest.FORMAT_VERSION, number, "synit", Instant.EPOCH, "0",
				List.of(webapp1), ProfileManifest.AccountNames.NONE));
	}

	@Test
	void startAssertsByLinkingAndStopRetracts() throws Exception {
		ProfileGeneration one = generation(1);
		assertThat(driver.status(one, webapp1)).isEqualTo(InstanceStatus.STOPPED);
		driver.load(one);
		driver.start(one, webapp1);
		Path link = target.resolve("webapp1.pr");
		assertThat(Files.readSymbolicLink(link)).isEqualTo(one.directory().resolve("etc/syndicate/services/webapp1.pr").toAbsolutePath());
		assertThat(driver.status(one, webapp1)).isEqualTo(InstanceStatus.RUNNING);
		try (var entries = Files.list(target)) {
			assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("webapp1.pr");
		}
		driver.stop(one, webapp1);
		assertThat(link).doesNotExist();
		assertThat(driver.status(one, webapp1)).isEqualTo(InstanceStatus.STOPPED);
		driver.stop(one, webapp1);
	}

	@Test
	void aNewGenerationRePointsTheLinkAndTheOldOneNoLongerOwnsIt() throws Exception {
		ProfileGeneration one = generation(1);
		ProfileGeneration two = generation(2);
		driver.start(one, webapp1);
		driver.start(two, webapp1);
		assertThat(Files.readSymbolicLink(target.resolve("webapp1.pr")).toString()).startsWith(two.directory().toString());
		assertThat(driver.status(one, webapp1)).isEqualTo(InstanceStatus.UNKNOWN);
		assertThat(driver.status(two, webapp1)).isEqualTo(InstanceStatus.RUNNING);
	}

	@Test
	void loadRePointsAKeptServiceIntoTheNewGenerationSoTheOldOneCanBeDeleted() throws Exception {
		ProfileGeneration one = generation(1);
		ProfileGeneration two = generation(2);
		driver.start(one, webapp1);
		driver.load(two);
		Path link = target.resolve("webapp1.pr");
		Path inTwo = two.directory().resolve("etc/syndicate/services/webapp1.pr").toAbsolutePath();
		assertThat(Files.readSymbolicLink(link)).isEqualTo(inTwo);
		assertThat(driver.status(two, webapp1)).isEqualTo(InstanceStatus.RUNNING);
		driver.load(two);
		assertThat(Files.readSymbolicLink(link)).isEqualTo(inTwo);
		try (var entries = Files.list(target)) {
			assertThat(entries.map(p -> p.getFileName().toString())).as("no temporary link left").containsExactly("webapp1.pr");
		}
		// the old generation deleted: the service still resolves
		try (var files = Files.walk(one.directory())) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		assertThat(Files.readString(link)).startsWith("<metadata <daemon webapp1>");
	}

	@Test
	void loadAssertsNothingTheManagerDoesNotHave() throws Exception {
		driver.load(generation(1));
		assertThat(target).doesNotExist();
	}

}
