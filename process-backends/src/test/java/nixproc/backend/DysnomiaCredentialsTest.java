package nixproc.backend;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import nixproc.model.Credentials;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The switch reads back exactly what the generators wrote, on disk or in memory. */
class DysnomiaCredentialsTest {

	private static final Layout PRIVILEGED = new Layout(StateDirs.defaults(), false);

	private static final Credentials HOSTILE = new Credentials(Map.of("web", Map.of("gid", "2001")),
			Map.of("web", Map.of("group", "web", "description", "it's a \"web\" app\nsecond line $HOME `x` \\", "homeDir",
					"/var/lib/web app", "createHomeDir", "true", "shell", "/bin/sh")));

	@Test
	void readsBackEveryAttributeWhateverItHolds(@TempDir Path dir) {
		GeneratedFiles files = DysnomiaCredentials.files(HOSTILE, PRIVILEGED);
		files.writeTo(dir);

		Credentials expected = new Credentials(HOSTILE.groups(), Map.of("web", Map.of("group", "web", "description",
				HOSTILE.users().get("web").get("description"), "homeDir", "/var/lib/web app", "createHomeDir", "1", "shell",
				"/bin/sh")));
		assertThat(DysnomiaCredentials.read(files)).isEqualTo(expected);
		assertThat(DysnomiaCredentials.read(dir)).isEqualTo(expected);
	}

	@Test
	void aProfileWithoutAccountsHasNone(@TempDir Path dir) {
		assertThat(DysnomiaCredentials.read(dir)).isEqualTo(Credentials.NONE);
		assertThat(DysnomiaCredentials.read(DysnomiaCredentials.files(HOSTILE, new Layout(StateDirs.defaults(), true))))
			.isEqualTo(new Credentials(Map.of(), Map.of("web", Map.of("homeDir", "/var/lib/web app", "createHomeDir", "1",
					"createHomeDirOnly", "1"))));
		assertThat(Optional.of(DysnomiaCredentials.read(GeneratedFiles.empty()))).contains(Credentials.NONE);
	}

}
