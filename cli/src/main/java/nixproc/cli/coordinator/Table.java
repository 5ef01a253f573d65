package nixproc.cli.coordinator;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows printed in columns as wide as their widest cell; the last column is not padded. */
final class Table {

	private final List<List<String>> rows = new ArrayList<>();

	Table(String... header) {
		rows.add(List.of(header));
	}

	Table row(String... cells) {
		rows.add(List.of(cells));
		return this;
	}

	void print(PrintWriter out) {
		int columns = rows.get(0).size();
		int[] width = new int[columns];
		rows.forEach(r -> {
			for (int c = 0; c < columns; c++) {
				width[c] = Math.max(width[c], r.get(c).length());
			}
		});
		for (List<String> r : rows) {
			StringBuilder line = new StringBuilder();
			for (int c = 0; c < columns; c++) {
				line.append(c == columns - 1 ? r.get(c) : String.format("%-" + width[c] + "s  ", r.get(c)));
			}
			out.println(line.toString().stripTrailing());
		}
		out.flush();
	}

}
