package io.txmon.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A file to ingest, known by its content's SHA-256 so that an inbox recognises a file it has read.
 *
 * @param path where it is
 * @param name the name it is recorded under
 * @param sha256 hex digest of its content
 * @param sizeBytes its size
 */
record InputFile(Path path, String name, String sha256, long sizeBytes) {
    private static final List<String> SUFFIXES = List.of(".csv", ".jsonl", ".ndjson");

    static InputFile of(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
            return new InputFile(
                    path, path.getFileName().toString(), HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The input itself, or the transaction files of a folder in name order. */
    static List<Path> list(Path input) {
        if (!Files.isDirectory(input)) {
            if (!Files.isRegularFile(input)) {
                throw new UncheckedIOException(new IOException(input + ": no such file or folder"));
            }
            return List.of(input);
        }
        try (Stream<Path> files = Files.list(input)) {
            return files.filter(Files::isRegularFile)
                    .filter(InputFile::isTransactionFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
        }
    }

    private static boolean isTransactionFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        String plain = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return SUFFIXES.stream().anyMatch(plain::endsWith);
    }
}
