package io.txmon.stream.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of the job's checkpoints and savepoints: Flink writes each checkpoint as {@code JOB/chk-N/_metadata}
 * and each savepoint as {@code savepoints/savepoint-…/_metadata}; the newest complete one is where a job started
 * again resumes.
 */
public record Checkpoints(Path dir) {
    private static final String METADATA = "_metadata";

    /** Where savepoints go. */
    public Path savepoints() {
        return dir.resolve("savepoints");
    }

    /** The newest complete checkpoint or savepoint (one whose metadata was written), if any. */
    public Optional<Path> newest() {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(file -> file.getFileName().toString().equals(METADATA))
                    .max(Comparator.comparing(Checkpoints::modified))
                    .map(Path::getParent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
