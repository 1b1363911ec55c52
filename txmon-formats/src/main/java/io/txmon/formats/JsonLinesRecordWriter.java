package io.txmon.formats;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Objects;
import java.util.function.BiConsumer;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes records as JSON Lines with Jackson's streaming generator: one compact UTF-8 object per line, each
 * line ended by LF; decimals are written in plain notation, never with an exponent.
 */
final class JsonLinesRecordWriter<T> implements RecordWriter<T> {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .rootValueSeparator((String) null)
            .build();

    private final DataFile file;
    private final BiConsumer<T, JsonGenerator> fields;
    private final JsonGenerator json;

    /**
     * @param fields writes the properties of one record into the already opened object
     */
    JsonLinesRecordWriter(DataFile file, BiConsumer<T, JsonGenerator> fields) {
        this.file = Objects.requireNonNull(file, "file");
        this.fields = Objects.requireNonNull(fields, "fields");
        this.json = JSON.createGenerator(ObjectWriteContext.empty(), file.openOutput(), JsonEncoding.UTF8);
    }

    @Override
    public void write(T record) {
        Objects.requireNonNull(record, "record");
        try {
            json.writeStartObject();
            fields.accept(record, json);
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (JacksonIOException e) {
            throw failure(e);
        }
    }

    @Override
    public void close() {
        try {
            json.close();
        } catch (JacksonIOException e) {
            throw failure(e);
        }
    }

    /** One record as a compact JSON object, as a line of a file holds it: what a message on a topic carries. */
    static <T> String object(T record, BiConsumer<T, JsonGenerator> fields) {
        StringWriter text = new StringWriter();
        try (JsonGenerator object = JSON.createGenerator(ObjectWriteContext.empty(), text)) {
            object.writeStartObject();
            fields.accept(record, object);
            object.writeEndObject();
        }
        return text.toString();
    }

    /** Writes the property only when there is a value: absent fields are left out of the object. */
    static void optionalString(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }

    private DataFileException failure(JacksonIOException e) {
        IOException cause = e.getCause();
        return file.failure("cannot write", cause != null ? cause : new IOException(e.getOriginalMessage(), e));
    }
}
