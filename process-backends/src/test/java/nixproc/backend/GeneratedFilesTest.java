package nixproc.backend;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratedFilesTest {

	@Test
	void pathsEscapingTheOutputDirectoryAreRefused() {
		assertThatThrownBy(() -> GeneratedFiles.builder().text("etc/../../x", "", false))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> GeneratedFiles.builder().text("/etc/x", "", false)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void mergingTheSameFileTwiceIsFineButConflictingContentIsNot() {
		GeneratedFiles a = GeneratedFiles.builder().text("x", "1", false).build();
		assertThat(a.merge(GeneratedFiles.builder().text("x", "1", false).build())).isEqualTo(a);
		assertThatThrownBy(() -> a.merge(GeneratedFiles.builder().text("x", "2", false).build()))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("x");
	}

	@Test
	void writesFilesModesAndLinks(@TempDir Path out) throws Exception {
		GeneratedFiles.builder().text("etc/init.d/a", "#!/bin/sh\n", true).symlink("etc/rc3.d/S00a", "../init.d/a").build().writeTo(out);
		assertThat(Files.isExecutable(out.resolve("etc/init.d/a"))).isTrue();
		assertThat(Files.readSymbolicLink(out.resolve("etc/rc3.d/S00a"))).isEqualTo(Path.of("../init.d/a"));
		assertThat(Files.readString(out.resolve("etc/rc3.d/S00a"))).isEqualTo("#!/bin/sh\n");
	}

}
