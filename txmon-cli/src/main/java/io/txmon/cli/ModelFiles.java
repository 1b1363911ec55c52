package io.txmon.cli;

import io.txmon.boosting.SupervisedModel;
import io.txmon.boosting.SupervisedModelCodec;
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

/**
 * Model files on disk: the anomaly model's in the format {@link AnomalyModelCodec} defines, the supervised model's in
 * {@link SupervisedModelCodec}'s.
 */
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

    static SupervisedModel readSupervised(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return SupervisedModelCodec.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static void writeSupervised(Path file, SupervisedModel model) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            SupervisedModelCodec.write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
