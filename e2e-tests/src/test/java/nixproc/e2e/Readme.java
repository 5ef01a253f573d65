package nixproc.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands the README prints: its {@code ```bash} blocks by the section they stand in, one command per line
 * (a line ending in a backslash continues on the next), comment lines dropped. The tests run exactly these.
 */
record Readme(List<String> lines) {

	static Readme of(Path file) {
		try {
			return new Readme(Files.readAllLines(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The commands of the {@code index}-th bash block (0 the first) of the section headed {@code heading}. */
	List<String> commands(String heading, int index) {
		int section = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("#") && lines.get(i).replaceFirst("^#+ ", "").equals(heading)) {
				section = i;
				break;
			}
		}
		if (section < 0) {
			throw new AssertionError("the README has no section '" + heading + "'");
		}
		int block = -1;
		for (int i = section + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
			if (lines.get(i).equals("```bash") && ++block == index) {
				return commandsFrom(i + 1);
			}
		}
		throw new AssertionError("the README's section '" + heading + "' has no bash block " + index);
	}

	private List<String> commandsFrom(int first) {
		List<String> commands = new ArrayList<>();
		StringBuilder command = new StringBuilder();
		for (int i = first; !lines.get(i).equals("```"); i++) {
			String line = lines.get(i);
			if (command.isEmpty() && (line.isBlank() || line.strip().startsWith("#"))) {
				continue;
			}
			if (line.endsWith("\\")) {
				command.append(line, 0, line.length() - 1).append(' ');
				continue;
			}
			commands.add(command.append(line).toString().strip());
			command.setLength(0);
		}
		return commands;
	}

}
