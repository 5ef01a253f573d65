package nixproc.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The output of a generator: relative path ({@code /}-separated, no {@code .} or {@code ..} segments) → file, in
 * path order. Merging two sets is how a profile is built; a path generated twice with different content is an
 * error, because one instance would silently lose its configuration.
 */
public final class GeneratedFiles {

	private final SortedMap<String, GeneratedFile> files;

	private GeneratedFiles(SortedMap<String, GeneratedFile> files) {
		this.files = Collections.unmodifiableSortedMap(files);
	}

	public static GeneratedFiles empty() {
		return new GeneratedFiles(new TreeMap<>());
	}

	public static Builder builder() {
		return new Builder();
	}

	public SortedMap<String, GeneratedFile> files() {
		return files;
	}

	/** @throws IllegalStateException when both contain a path with different content */
	public GeneratedFiles merge(GeneratedFiles other) {
		return new Builder().addAll(this).addAll(other).build();
	}

	/** Writes every file below {@code root}, creating directories; existing files are replaced. */
	public void writeTo(Path root) {
		try {
			for (Map.Entry<String, GeneratedFile> entry : files.entrySet()) {
				Path path = root.resolve(entry.getKey());
				Files.createDirectories(path.getParent());
				Files.deleteIfExists(path);
				if (entry.getValue() instanceof GeneratedFile.Regular regular) {
					Files.write(path, regular.content());
					Files.setPosixFilePermissions(path,
							PosixFilePermissions.fromString(regular.executable() ? "rwxr-xr-x" : "rw-r--r--"));
				}
				else if (entry.getValue() instanceof GeneratedFile.Symlink link) {
					Files.createSymbolicLink(path, Path.of(link.target()));
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof GeneratedFiles that && files.equals(that.files);
	}

	@Override
	public int hashCode() {
		return files.hashCode();
	}

	@Override
	public String toString() {
		return "GeneratedFiles" + files.keySet();
	}

	public static final class Builder {

		private final SortedMap<String, GeneratedFile> files = new TreeMap<>();

		private Builder() {
		}

		public Builder add(String path, GeneratedFile file) {
			requireRelative(path);
			return put(path, file);
		}

		/**
		 * Every file of {@code other}, with the same conflict rule as {@link #add}. Building a profile by adding each
		 * instance's files here is linear; folding {@link GeneratedFiles#merge} over the instances copies the growing
		 * profile once per instance (quadratic, 1,000 instances of sysvinit ran below 700 instance-configs/s).
		 */
		public Builder addAll(GeneratedFiles other) {
			// Paths of a GeneratedFiles were checked when it was built.
			other.files.forEach(this::put);
			return this;
		}

		private Builder put(String path, GeneratedFile file) {
			GeneratedFile previous = files.putIfAbsent(path, file);
			if (previous != null && !previous.equals(file)) {
				throw new IllegalStateException(path + " is generated twice with different content");
			}
			return this;
		}

		public Builder text(String path, String content, boolean executable) {
			return add(path, GeneratedFile.text(content, executable));
		}

		public Builder symlink(String path, String target) {
			return add(path, new GeneratedFile.Symlink(target));
		}

		public GeneratedFiles build() {
			return new GeneratedFiles(new TreeMap<>(files));
		}

		private static void requireRelative(String path) {
			if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
				throw new IllegalArgumentException("not a relative file path: " + path);
			}
			for (String segment : path.split("/")) {
				if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
					throw new IllegalArgumentException("not a plain relative file path: " + path);
				}
			}
		}

	}

}
