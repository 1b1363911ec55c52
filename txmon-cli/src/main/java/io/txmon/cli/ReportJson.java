package io.txmon.cli;

import io.txmon.evaluation.DetectionReport;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A detection report as JSON, for scripts and for comparing runs. */
final class ReportJson {
    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReportJson() {}

    static void write(Path file, Record report) {
        try {
            MAPPER.writeValue(file.toFile(), report);
        } catch (JacksonException e) {
            throw new UncheckedIOException(file + ": " + e.getOriginalMessage(), new java.io.IOException(e));
        }
    }

    static String toJson(DetectionReport report) {
        return MAPPER.writeValueAsString(report);
    }
}
