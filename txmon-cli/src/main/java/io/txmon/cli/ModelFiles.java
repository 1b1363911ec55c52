package io.txmon.cli;

import io.txmon.model.AnomalyModel;
import io.txmon.model.AnomalyModelCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model files on disk, in the format {@link AnomalyModelCodec} defines. */
final class ModelFiles {
    private ModelFiles() {}

    static AnomalyModel read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return AnomalyModelCodec.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, AnomalyModel model) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            AnomalyModelCodec.write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
