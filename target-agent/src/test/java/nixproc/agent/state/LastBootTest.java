package nixproc.agent.state;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LastBootTest {

	@TempDir
	Path dir;

	@Test
	void aRebootIsTheKernelsBootIdDifferingFromTheRecordedOne() throws Exception {
		Path kernel = Files.writeString(dir.resolve("boot_id"), "aaaa\n");
		LastBoot boot = new LastBoot(dir, kernel);
		assertThat(boot.rebootedSince()).as("nothing recorded yet: a first start, not a reboot").isFalse();

		boot.record();
		assertThat(dir.resolve(LastBoot.FILE)).hasContent("aaaa");
		assertThat(boot.rebootedSince()).isFalse();

		Files.writeString(kernel, "bbbb\n");
		assertThat(boot.rebootedSince()).isTrue();
		boot.record();
		assertThat(boot.rebootedSince()).isFalse();
	}

	@Test
	void aKernelThatDoesNotTellItsBootIdNeverMeansAReboot() throws Exception {
		Files.writeString(dir.resolve(LastBoot.FILE), "aaaa\n");
		LastBoot boot = new LastBoot(dir, dir.resolve("no-such-file"));
		assertThat(boot.rebootedSince()).isFalse();
		boot.record();
		assertThat(dir.resolve(LastBoot.FILE)).hasContent("aaaa");
	}

}
