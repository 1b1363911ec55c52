package io.txmon.formats.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small source files in a test's temporary folder, written as the public data sets ship them. */
final class SourceFiles {
    private SourceFiles() {}

    static Path csv(Path folder, String name, String... lines) {
        try {
            return Files.writeString(folder.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path gzip(Path folder, String name, String... lines) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try {
            try (OutputStream out = new GZIPOutputStream(compressed)) {
                out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return Files.write(folder.resolve(name), compressed.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
