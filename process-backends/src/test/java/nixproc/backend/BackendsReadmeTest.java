package nixproc.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's backend table is the list a reader trusts, so it is checked against {@link Backends#all()} (style
 * G2): one row per implemented backend, in the same order, with its preferred mode. Adding a backend without its
 * row, or a row without a backend, fails here.
 */
class BackendsReadmeTest {

	private static final Path README = Path.of("README.md");

	@Test
	void tableListsExactlyTheImplementedBackends() throws IOException {
		List<String> ids = rows().stream().map(row -> row.get(0)).toList();
		assertThat(ids).as("ids in the first column of README.md's ## Backends table")
			.containsExactlyElementsOf(Backends.all().stream().map(b -> b.kind().id()).toList());
	}

	@Test
	void preferredModeColumnIsTheBackendsCapability() throws IOException {
		for (List<String> row : rows()) {
			Backends.all().stream().filter(b -> b.kind().id().equals(row.get(0))).findFirst().ifPresent(backend ->
					assertThat(row.get(1)).as(row.get(0))
						.isEqualTo(backend.capabilities().preferredMode().name().toLowerCase(Locale.ROOT)));
		}
	}

	/** Cells of the table rows under {@code ## Backends}, up to the next heading; back-quotes removed. */
	private static List<List<String>> rows() throws IOException {
		List<List<String>> rows = new ArrayList<>();
		boolean inSection = false;
		for (String line : Files.readAllLines(README)) {
			if (line.startsWith("## ")) {
				inSection = line.equals("## Backends");
			}
			else if (inSection && line.startsWith("|") && !line.startsWith("|--") && !line.startsWith("| id ")) {
				List<String> cells = new ArrayList<>();
				for (String cell : line.substring(1).split("\\|")) {
					cells.add(cell.strip().replace("`", ""));
				}
				rows.add(cells);
			}
		}
		assertThat(rows).as("README.md has a ## Backends table").isNotEmpty();
		return rows;
	}

}
