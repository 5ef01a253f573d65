package nixproc.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretFilesTest {

	@TempDir
	Path dir;

	@Test // #17
	void aVariableEndingInFileStandsForTheVariableWithTheFilesContent() throws Exception {
		Path password = Files.writeString(dir.resolve("db.password"), "s3cret\n");
		assertThat(SecretFiles.resolve(Map.of("NIXPROC_DB_PASSWORD_FILE", password.toString(), "PATH", "/bin",
				"OTHER_FILE", "/etc/passwd", "NIXPROC_COORDINATOR_KEY_FILE", "/nonexistent/coordinator.key")))
			.containsExactly(Map.entry("NIXPROC_DB_PASSWORD", "s3cret"));
	}

	@Test
	void bothFormsOrAFileThatCannotBeReadAreRefusedNamingTheVariable() {
		assertThatThrownBy(() -> SecretFiles.resolve(Map.of("NIXPROC_DB_PASSWORD", "x", "NIXPROC_DB_PASSWORD_FILE",
				dir.resolve("db").toString()))).hasMessageContaining("NIXPROC_DB_PASSWORD and NIXPROC_DB_PASSWORD_FILE");
		assertThatThrownBy(() -> SecretFiles.resolve(Map.of("NIXPROC_SERVICE_TOKEN_FILE",
				dir.resolve("missing").toString()))).hasMessageStartingWith("NIXPROC_SERVICE_TOKEN_FILE: cannot read");
	}

}
