package nixproc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.nix.NixModelArguments;
import nixproc.nix.NixModels;
import nixproc.process.Layout;

/**
 * A processes model file in any of its formats: JSON, YAML, or Nix (evaluated with the command's directories and
 * process manager, as {@code nixproc-build} calls {@code processes.nix}).
 */
final class NixModelFiles {

	/** The model and the bytes it was read from (for Nix, the evaluated JSON), which {@code switch} hashes. */
	record Read(ProcessesModel model, byte[] bytes) {
	}

	private NixModelFiles() {
	}

	static ProcessesModel readProcesses(Path file, Layout layout, String processManager) {
		return read(file, layout, processManager).model();
	}

	static Read read(Path file, Layout layout, String processManager) {
		if (NixModels.isNix(file)) {
			String json = NixModels.fromEnvironment().evaluate(file, NixModelArguments.of(layout, processManager));
			return new Read(ModelReader.readProcesses(json, false), json.getBytes(StandardCharsets.UTF_8));
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException e) {
			throw new UsageException("MODEL: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
		}
		// parse the bytes we hash, so a file edited while we run cannot give a profile that disagrees with its hash
		return new Read(ModelReader.readProcesses(new String(bytes, StandardCharsets.UTF_8), !file.toString().endsWith(".json")),
				bytes);
	}

}
