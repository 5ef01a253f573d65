package nixproc.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a Nix model file may read: {@code --model-root}, else the working copy it lies in, else its directory. */
class ModelRootTest {

	@TempDir
	Path tmp;

	@Test // #16
	void theNearestWorkingCopyRootEnclosesTheModel() throws IOException {
		Path model = Files.createDirectories(tmp.resolve("checkout/examples/webapps-agnostic")).resolve("processes.nix");
		Files.createDirectories(tmp.resolve("checkout/.git"));
		Files.createDirectories(tmp.resolve(".hg"));

		assertThat(ModelRoot.of(model, Optional.empty())).isEqualTo(tmp.resolve("checkout"));
	}

	@Test // #16
	void aGitWorktreesFileCountsAsItsRoot() throws IOException {
		Path model = Files.createDirectories(tmp.resolve("wt/nix")).resolve("services.nix");
		Files.writeString(tmp.resolve("wt/.git"), "gitdir: /elsewhere/.git/worktrees/wt\n");

		assertThat(ModelRoot.of(model, Optional.empty())).isEqualTo(tmp.resolve("wt"));
	}

	@Test // #16
	void outsideAWorkingCopyTheModelsDirectory() throws IOException {
		Path dir = Files.createDirectories(tmp.resolve("copied/webapps-agnostic"));

		assertThat(ModelRoot.of(dir.resolve("processes.nix"), Optional.empty())).isEqualTo(dir);
	}

	@Test // #16
	void theUsersRootWinsWhenItContainsTheModel() throws IOException {
		Path dir = Files.createDirectories(tmp.resolve("copied/examples/webapps-agnostic"));
		Files.createDirectories(dir.resolve(".git"));

		assertThat(ModelRoot.of(dir.resolve("processes.nix"), Optional.of(tmp.resolve("copied")))).isEqualTo(tmp.resolve("copied"));
		assertThatThrownBy(() -> ModelRoot.of(dir.resolve("processes.nix"), Optional.of(tmp.resolve("copied/other"))))
			.hasMessage(tmp.resolve("copied/other") + " is not a directory");
		Files.createDirectories(tmp.resolve("copied/other"));
		assertThatThrownBy(() -> ModelRoot.of(dir.resolve("processes.nix"), Optional.of(tmp.resolve("copied/other"))))
			.hasMessage(tmp.resolve("copied/other") + " does not contain " + dir.resolve("processes.nix"));
	}

}
