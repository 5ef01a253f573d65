package nixproc.backend;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

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

	/**
	 * The files below {@code root} as {@link #writeTo} writes them: regular files (executable when the owner may
	 * execute them) and symbolic links, not followed; directories are implied by their files.
	 * @throws IllegalArgumentException naming a file that is neither (a FIFO, a socket)
	 */
	public static GeneratedFiles readFrom(Path root) {
		Builder builder = builder();
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path path : walk.sorted().toList()) {
				String relative = root.relativize(path).toString().replace(File.separatorChar, '/');
				if (Files.isSymbolicLink(path)) {
					builder.symlink(relative, Files.readSymbolicLink(path).toString());
				}
				else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
					boolean executable = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
						.contains(PosixFilePermission.OWNER_EXECUTE);
					builder.add(relative, new GeneratedFile.Regular(Files.readAllBytes(path), executable));
				}
				else if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
					throw new IllegalArgumentException(relative + " is neither a regular file nor a symbolic link");
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
		}
		return builder.build();
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

		/**
		 * In the order added; sorted once, by {@link #build}. A profile of 1,000 instances adds 13,000 files: one sort
		 * and {@link TreeMap}'s linear constructor for sorted input cost a fraction of inserting each file into a
		 * tree (the issue 3 benchmark spent a sixth of its time rebalancing).
		 */
		private final List<Entry> entries = new ArrayList<>();

		private Builder() {
		}

		public Builder add(String path, GeneratedFile file) {
			requireRelative(path);
			entries.add(new Entry(path, file));
			return this;
		}

		/** Every file of {@code other}, with the same conflict rule as {@link #add}. */
		public Builder addAll(GeneratedFiles other) {
			// Paths of a GeneratedFiles were checked when it was built.
			other.files.forEach((path, file) -> entries.add(new Entry(path, file)));
			return this;
		}

		public Builder text(String path, String content, boolean executable) {
			return add(path, GeneratedFile.text(content, executable));
		}

		public Builder symlink(String path, String target) {
			return add(path, new GeneratedFile.Symlink(target));
		}

		/** @throws IllegalStateException when a path was added twice with different content */
		public GeneratedFiles build() {
			List<Entry> sorted = new ArrayList<>(entries);
			sorted.sort(Entry.BY_PATH);
			List<Map.Entry<String, GeneratedFile>> unique = new ArrayList<>(sorted.size());
			Entry previous = null;
			for (Entry entry : sorted) {
				if (previous == null || !previous.path().equals(entry.path())) {
					unique.add(entry);
					previous = entry;
				}
				else if (!previous.file().equals(entry.file())) {
					throw new IllegalStateException(entry.path() + " is generated twice with different content");
				}
			}
			return new GeneratedFiles(new TreeMap<>(new SortedEntries(unique)));
		}

		/**
		 * One class for every entry the sort compares: with the map entries of other sets mixed in, the comparator's
		 * {@code getKey} calls went megamorphic and were a fifth of building a profile (issue 3 benchmark).
		 */
		private record Entry(String path, GeneratedFile file) implements Map.Entry<String, GeneratedFile> {

			static final Comparator<Entry> BY_PATH = (a, b) -> a.path.compareTo(b.path);

			@Override
			public String getKey() {
				return path;
			}

			@Override
			public GeneratedFile getValue() {
				return file;
			}

			@Override
			public GeneratedFile setValue(GeneratedFile value) {
				throw new UnsupportedOperationException();
			}

		}

		private static void requireRelative(String path) {
			if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
				throw new IllegalArgumentException("not a relative file path: " + path);
			}
			// A scan rather than split("/"): this runs for every generated file (issue 3 benchmark).
			int start = 0;
			while (start <= path.length()) {
				int end = path.indexOf('/', start);
				if (end < 0) {
					end = path.length();
				}
				int length = end - start;
				if (length == 0 || path.charAt(start) == '.' && (length == 1 || length == 2 && path.charAt(start + 1) == '.')) {
					throw new IllegalArgumentException("not a plain relative file path: " + path);
				}
				start = end + 1;
			}
		}

	}

	/**
	 * Sorted entries with unique keys seen as a {@link SortedMap}, only for {@code new TreeMap<>(SortedMap)}, which
	 * reads the comparator, the size and the entries in order, and builds the tree in linear time.
	 */
	private static final class SortedEntries extends AbstractMap<String, GeneratedFile>
			implements SortedMap<String, GeneratedFile> {

		private final List<Map.Entry<String, GeneratedFile>> entries;

		SortedEntries(List<Map.Entry<String, GeneratedFile>> entries) {
			this.entries = entries;
		}

		@Override
		public Set<Map.Entry<String, GeneratedFile>> entrySet() {
			return new AbstractSet<>() {
				@Override
				public Iterator<Map.Entry<String, GeneratedFile>> iterator() {
					return entries.iterator();
				}

				@Override
				public int size() {
					return entries.size();
				}
			};
		}

		@Override
		public @Nullable Comparator<? super String> comparator() {
			return null;
		}

		@Override
		public SortedMap<String, GeneratedFile> subMap(String fromKey, String toKey) {
			throw new UnsupportedOperationException();
		}

		@Override
		public SortedMap<String, GeneratedFile> headMap(String toKey) {
			throw new UnsupportedOperationException();
		}

		@Override
		public SortedMap<String, GeneratedFile> tailMap(String fromKey) {
			throw new UnsupportedOperationException();
		}

		@Override
		public String firstKey() {
			throw new UnsupportedOperationException();
		}

		@Override
		public String lastKey() {
			throw new UnsupportedOperationException();
		}

	}

}
