package io.txmon.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running service over real HTTP, as its clients do. */
final class ServiceClient {
    static final String ADMIN_KEY = "admin-key-0123456789-abcdef";
    static final String ANALYST_KEY = "analyst-key-0123456789-abcdef";
    static final String INGEST_KEY = "ingest-key-0123456789-abcdef";
    static final String KEYS =
            ADMIN_KEY + ":ADMIN,ANALYST,INGEST;" + ANALYST_KEY + ":ANALYST;" + INGEST_KEY + ":INGEST";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ServiceClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A response: its status, content type and body. */
    record Answer(int status, String contentType, String body, HttpHeaders headers) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Answer get(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), key);
    }

    Answer post(String path, String key, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                key);
    }

    Answer send(String method, String path, String key, String body) {
        return send(method, path, key, body, Map.of());
    }

    /** Sends {@code body} with {@code headers} besides the key and content type. */
    Answer send(String method, String path, String key, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(request::header);
        return send(
                request.header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body)),
                key);
    }

    /** Posts {@code body} in chunks, without declaring its length. */
    Answer postChunked(String path, String key, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))),
                key);
    }

    /** Sends {@code body} as a YAML document, as rule files travel. */
    Answer sendText(String method, String path, String key, String body) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/yaml")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)),
                key);
    }

    /** Sends exactly {@code headers} and {@code body} (none when null): no key and no content type of its own. */
    Answer exactly(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(request::header);
        return send(
                request.method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)),
                null);
    }

    private Answer send(HttpRequest.Builder request, String key) {
        if (key != null) {
            request.header("X-API-Key", key);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
