package nixproc.backend.supervisord;

import java.nio.file.Path;
import java.util.Optional;

import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.StateDirs;

/** The seed's examples and layouts under a temporary state directory. */
final class SupervisordFixtures {

	static final SupervisordBackend BACKEND = new SupervisordBackend();

	private SupervisordFixtures() {
	}

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(Path.of("src/test/resources/examples/" + name));
	}

	static Layout unprivileged(String stateDir) {
		return new Layout(StateDirs.derive(stateDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
				true);
	}

	static String text(GeneratedFiles files, String path) {
		GeneratedFile file = files.files().get(path);
		if (!(file instanceof GeneratedFile.Regular regular)) {
			throw new AssertionError(path + " was not generated; got " + files.files().keySet());
		}
		return new String(regular.content(), java.nio.charset.StandardCharsets.UTF_8);
	}

}
