package nixproc.backend;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

	@TempDir
	Path dir;

	@Test // #17
	void theLastLinesOfAHugeLogAreReadFromItsEndAndALinkIsNotFollowed() throws Exception {
		Path log = dir.resolve("big.log");
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 100_000; i++) {
			text.append("line ").append(i).append('\n');
		}
		Files.writeString(log, text);
		assertThat(Files.size(log)).isGreaterThan(LogTail.MAX_BYTES);

		assertThat(LogTail.of(log, 3)).isEqualTo("line 99997\nline 99998\nline 99999");
		// no line cut at the window's start: every line shown is whole
		assertThat(LogTail.of(log, 100_000).lines()).allMatch(l -> l.matches("line \\d+")).hasSizeLessThan(10_000);
		assertThat(LogTail.of(Files.writeString(dir.resolve("short.log"), "a\nb\n"), 15)).isEqualTo("a\nb");
		Path link = Files.createSymbolicLink(dir.resolve("link.log"), log);
		assertThat(LogTail.of(link, 3)).startsWith("(cannot read " + link);
	}

	@Test // #17
	void aLogOfGigabytesCostsWhatOneOfKilobytesDoes() throws Exception {
		// sparse: 8 GiB of nothing, then two lines; reading it whole (Files.readAllLines, before) cannot fit any heap
		Path log = dir.resolve("huge.log");
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
			file.setLength(8L << 30);
			file.seek(8L << 30);
			file.write("\nnext to last\nlast\n".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(LogTail.of(log, 2)).isEqualTo("next to last\nlast");
		// a last line longer than the window is shown cut rather than not at all
		Path oneLine = Files.writeString(dir.resolve("one.log"), "x".repeat(LogTail.MAX_BYTES * 2) + "\n");
		assertThat(LogTail.of(oneLine, 1)).hasSize(LogTail.MAX_BYTES).matches("x+");
	}

}
