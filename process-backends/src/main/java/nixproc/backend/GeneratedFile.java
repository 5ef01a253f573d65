package nixproc.backend;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One entry of {@link GeneratedFiles}: a regular file or a symbolic link. */
public sealed interface GeneratedFile permits GeneratedFile.Regular, GeneratedFile.Symlink {

	static Regular text(String content, boolean executable) {
		return new Regular(content.getBytes(StandardCharsets.UTF_8), executable);
	}

	/** File content and whether it is executable. The array is copied in and out. */
	record Regular(byte[] content, boolean executable) implements GeneratedFile {

		public Regular {
			content = content.clone();
		}

		@Override
		public byte[] content() {
			return content.clone();
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Regular that && executable == that.executable && Arrays.equals(content, that.content);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(content) * 31 + Boolean.hashCode(executable);
		}

		@Override
		public String toString() {
			return "Regular[" + content.length + " bytes" + (executable ? ", executable]" : "]");
		}

	}

	/** A relative symbolic link, as the seed's {@code rc<N>.d/S00name -> ../init.d/name}. */
	record Symlink(String target) implements GeneratedFile {
	}

}
