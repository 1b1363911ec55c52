package io.txmon.service;

import static io.txmon.service.ServiceClient.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.txmon.service.ServiceClient.Answer;
import io.txmon.storage.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile requests made from the service's own OpenAPI document, on a service and H2 database of their own: every
 * JSON body and query parameter gets wrong types, nulls, missing and unknown properties, extreme numbers and
 * instants, control characters, deep nesting, truncated and non-JSON text. None may cause a 5xx, every 400 and
 * 422 must name its field, no answer may show internals, and the service must still decide afterwards.
 *
 * <p>Seeded: the seed is printed, and {@code -Dtxmon.fuzz.seed=N} replays a run.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"txmon.api-keys=" + ServiceClient.KEYS, "txmon.analytics.refresh-every=1h"})
@DirtiesContext
class ApiFuzzIT {
    private static final int MAX_REQUESTS = 3_000;
    private static final Duration MAX_TIME = Duration.ofSeconds(90);
    private static final int MAX_SHOWN = 25;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values no field of any type should take without a clean 4xx or a success. */
    private static final List<Supplier<JsonNode>> HOSTILE_VALUES = List.of(
            () -> NODES.nullNode(),
            () -> NODES.stringNode("abc"),
            () -> NODES.stringNode(""),
            () -> NODES.stringNode("NaN"),
            () -> NODES.stringNode("Infinity"),
            () -> NODES.stringNode("-1"),
            () -> NODES.numberNode(-1),
            () -> NODES.numberNode(0),
            () -> NODES.numberNode(new java.math.BigDecimal("1e999")),
            () -> NODES.numberNode(new java.math.BigDecimal("1e-999")),
            () -> NODES.numberNode(new java.math.BigDecimal("123456789012345678901234567890.123456789")),
            () -> NODES.numberNode(Long.MAX_VALUE),
            () -> NODES.booleanNode(true),
            () -> NODES.objectNode().put("a", 1),
            () -> NODES.arrayNode().add(1).add("x"),
            () -> NODES.stringNode("x".repeat(10_000)),
            () -> NODES.stringNode("nul\u0000here"),
            () -> NODES.stringNode("\u001b[31mred\u0007"),
            () -> NODES.stringNode("\ud800 lone surrogate"),
            () -> NODES.stringNode("Zürich 東京 🙂 \u202e"),
            () -> NODES.stringNode("' OR 1=1 --"),
            () -> NODES.stringNode("<script>alert(1)</script>"),
            () -> NODES.stringNode("+999999999-12-31T23:59:59Z"),
            () -> NODES.stringNode("-999999999-01-01T00:00:00Z"),
            () -> NODES.stringNode("0000-01-01T00:00:00Z"),
            () -> NODES.stringNode("2026-02-30T25:61:61Z"));

    /** Values for query parameters, as sent on the URL before encoding. */
    private static final List<String> HOSTILE_PARAMETERS = List.of(
            "abc",
            "",
            "-1",
            "0",
            "1e999",
            "NaN",
            "99999999999999999999",
            "2147483648",
            "nul\u0000here",
            "\u001b[31m",
            "Zürich 東京",
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "2026-01-14T15:00:00Z",
            "2026-13-45",
            "x".repeat(2_000),
            "' OR 1=1 --");

    /** Whole bodies that are not the JSON an endpoint expects at all. */
    private static final List<String> HOSTILE_BODIES = List.of(
            "",
            "hello",
            "<xml/>",
            "{'single': 'quotes'}",
            "{\"a\": 1,}",
            "[]",
            "[1, 2]",
            "\"text\"",
            "42",
            "null",
            "true",
            "1e999",
            "{\"a\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}",
            "[".repeat(5_000),
            "{\"a\": \"\\u0000\"}",
            "\u0000\u0001\u0002",
            "\uFEFF{}");

    private static final String PAYER = "fuzz_payer";
    private static final String PAYEE = "fuzz_payee";

    /** Values that pass each property's own checks, so that a probe of one property is refused for that one. */
    private static final Map<String, JsonNode> BENIGN_PROPERTIES = Map.of(
            "from_account", NODES.stringNode(PAYER),
            "to_account", NODES.stringNode(PAYEE),
            "user_id", NODES.stringNode("fuzz_opened"),
            "account_type", NODES.stringNode("PERSONAL"),
            "currency", NODES.stringNode("EUR"),
            "status", NODES.stringNode("IN_REVIEW"),
            "label", NODES.nullNode(),
            "note", NODES.stringNode("looked at it\nfine"),
            "assignee", NODES.stringNode("ann"));

    /** A rule file that compiles, for the operations whose body is one. */
    private static final String RULE_FILE = "name: fuzz\nrules: []\n";

    @LocalServerPort
    int port;

    private long alertId;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("txmon-fuzz-h2");
        registry.add("txmon.db.url", () -> TestDatabase.h2Url(folder));
    }

    /** One request to make. */
    private record Probe(
            String method, String path, String query, String contentType, String body, Map<String, String> headers) {
        String url() {
            return query.isEmpty() ? path : path + "?" + query;
        }
    }

    /** What the operation under test takes. */
    private record Operation(
            String method, String template, List<JsonNode> parameters, JsonNode bodySchema, String contentType) {}

    @Test
    void hostileRequestsFromTheApiDocumentAreRefusedCleanlyAndTheServiceStillDecides() {
        long seed = Long.getLong("txmon.fuzz.seed", System.nanoTime());
        System.out.println("ApiFuzzIT seed " + seed + " (replay with -Dtxmon.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        ServiceClient client = new ServiceClient(port);
        JsonNode api = client.get("/v3/api-docs", ADMIN_KEY).json();
        prepare(client);

        List<Probe> probes = new ArrayList<>();
        for (Operation operation : operations(api)) {
            probes.addAll(probes(operation, api, random));
        }
        java.util.Collections.shuffle(probes, random);

        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byEndpoint = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long deadline = System.nanoTime() + MAX_TIME.toNanos();
        int sent = 0;
        for (Probe probe : probes) {
            if (sent >= MAX_REQUESTS || System.nanoTime() > deadline) {
                break;
            }
            Answer answer = send(client, probe);
            if (answer == null) {
                continue;
            }
            sent++;
            byStatus.merge(answer.status(), 1, Integer::sum);
            byEndpoint
                    .computeIfAbsent(probe.method() + " " + probe.path(), k -> new TreeMap<>())
                    .merge(answer.status(), 1, Integer::sum);
            String problem = problemWith(answer);
            if (problem != null && failures.size() < MAX_SHOWN) {
                failures.add(problem + ": " + probe.method() + " " + shortened(probe.url()) + " body "
                        + shortened(probe.body()) + " -> " + answer.status() + " " + shortened(answer.body()));
            } else if (problem != null) {
                failures.add("...");
            }
        }

        System.out.println("ApiFuzzIT: " + sent + " requests of " + probes.size() + " made, by status " + byStatus);
        byEndpoint.forEach((endpoint, statuses) -> System.out.println("  " + endpoint + " " + statuses));
        failures.stream().distinct().forEach(failure -> System.out.println("  FAILED " + failure));
        assertThat(sent).isGreaterThan(100);
        assertThat(failures).as("seed " + seed).isEmpty();

        assertThat(client.get("/actuator/health", null).body()).contains("\"UP\"");
        Answer decided = client.post(
                "/detect",
                ServiceClient.INGEST_KEY,
                ServiceBehaviour.transaction("fuzz_after", "fuzz_user", "12.50", "2026-01-14T15:00:00Z"));
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    }

    private static Answer send(ServiceClient client, Probe probe) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-API-Key", ADMIN_KEY);
        headers.put("Content-Type", probe.contentType());
        headers.putAll(probe.headers());
        try {
            return client.exactly(probe.method(), probe.url(), headers, probe.body());
        } catch (IllegalArgumentException e) {
            // A header value the client itself refuses to send cannot reach the service: nothing to learn.
            return null;
        }
    }

    /** Two accounts to pay between and an open alert, for probes that need something to act on. */
    private void prepare(ServiceClient client) {
        for (String account : List.of(PAYER, PAYEE)) {
            Answer opened = client.post("/accounts", ADMIN_KEY, ServiceBehaviour.account(account, "1000000"));
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        }
        Answer decided = client.post("/detect", ServiceClient.INGEST_KEY, """
                {"transaction_id": "fuzz_big", "user_id": "fuzz_mule", "amount": 50000, "type": "TRANSFER",
                 "counterparty_id": "fuzz_x", "timestamp": "2026-01-14T03:00:00Z"}""");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        alertId = client.get("/alerts?user_id=fuzz_mule", ServiceClient.ANALYST_KEY)
                .json()
                .get(0)
                .get("alert_id")
                .asLong();
    }

    /** What is wrong with an answer, or null when it keeps the error contract. */
    private static String problemWith(Answer answer) {
        if (answer.status() >= 500) {
            return "a " + answer.status();
        }
        if (ErrorContractBehaviour.INTERNALS.matcher(answer.body()).find()) {
            return "internals shown";
        }
        if (answer.status() == 400 || answer.status() == 422) {
            try {
                JsonNode field = answer.json().path("field");
                if (!field.isString() || field.asString().isBlank()) {
                    return "no field named";
                }
            } catch (RuntimeException e) {
                return "not a JSON problem";
            }
        }
        return null;
    }

    private static List<Operation> operations(JsonNode api) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                List<JsonNode> parameters = new ArrayList<>();
                operation.path("parameters").forEach(parameters::add);
                JsonNode content = operation.path("requestBody").path("content");
                String contentType = content.isObject() && content.size() > 0
                        ? content.propertyNames().iterator().next()
                        : null;
                JsonNode schema =
                        contentType == null ? null : content.get(contentType).path("schema");
                operations.add(new Operation(
                        method.getKey().toUpperCase(java.util.Locale.ROOT),
                        path.getKey(),
                        parameters,
                        schema,
                        contentType));
            }
        }
        return operations;
    }

    private List<Probe> probes(Operation operation, JsonNode api, Random random) {
        List<Probe> probes = new ArrayList<>();
        Map<String, String> pathValues = new HashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.get("name").asString();
            String in = parameter.get("in").asString();
            String benign = benign(parameter.path("schema"), name);
            switch (in) {
                case "path" -> pathValues.put(name, benign);
                case "query" -> query.put(name, benign);
                case "header" -> headers.put(name, "fuzz-" + random.nextInt(1_000_000));
                default -> {}
            }
        }
        String template = operation.template();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            template = template.replace("{" + value.getKey() + "}", value.getValue());
        }
        String path = template;
        boolean json =
                operation.contentType() != null && operation.contentType().contains("json");
        String type = operation.contentType() == null ? "application/json" : operation.contentType();
        JsonNode schema = json ? resolve(operation.bodySchema(), api) : null;
        JsonNode baseline = schema == null ? null : example(schema, api, 0);
        // Bodies that are not JSON (rule files) get a small valid one, so that their parameters are what is probed.
        String body = baseline != null ? baseline.toString() : operation.contentType() == null ? null : RULE_FILE;
        Map<String, String> withKey = withFreshKey(headers, random);

        for (String name : query.keySet()) {
            for (String hostile : HOSTILE_PARAMETERS) {
                Map<String, String> changed = new LinkedHashMap<>(query);
                changed.put(name, hostile);
                probes.add(new Probe(
                        operation.method(), path, encode(changed), type, body, withFreshKey(headers, random)));
            }
            Map<String, String> without = new LinkedHashMap<>(query);
            without.remove(name);
            probes.add(new Probe(operation.method(), path, encode(without), type, body, withFreshKey(headers, random)));
        }
        for (String name : headers.keySet()) {
            for (String hostile : List.of("", " ", "k".repeat(300), "a b", "\u00e9t\u00e9", "x\ty")) {
                Map<String, String> changed = new LinkedHashMap<>(headers);
                changed.put(name, hostile);
                probes.add(new Probe(operation.method(), path, encode(query), type, body, changed));
            }
        }
        if (!json) {
            return probes;
        }
        String queryText = encode(query);
        for (String hostile : HOSTILE_BODIES) {
            probes.add(new Probe(operation.method(), path, queryText, type, hostile, withFreshKey(headers, random)));
        }
        // An array body (a batch) is probed through its second item, so that paths such as [1].amount are named.
        boolean batch = baseline instanceof ArrayNode list && list.size() > 0;
        JsonNode item = batch ? baseline.get(0) : baseline;
        if (!(item instanceof ObjectNode object)) {
            return probes;
        }
        String itemText = object.toString();
        Function<String, Probe> probe = text -> new Probe(
                operation.method(),
                path,
                queryText,
                type,
                batch ? "[" + itemText + "," + text + "]" : text,
                withFreshKey(headers, random));
        probes.add(new Probe(operation.method(), path, queryText, type, body, withKey));
        probes.add(probe.apply("[" + itemText + "]"));
        probes.add(probe.apply("{}"));
        ObjectNode unknown = object.deepCopy();
        unknown.put("zz_unknown", 1).putObject("nested_unknown").put("a", "\u0000");
        probes.add(probe.apply(unknown.toString()));
        for (int cut : new int[] {1, itemText.length() / 2, itemText.length() - 1}) {
            probes.add(probe.apply(itemText.substring(0, cut)));
        }
        for (String property : iterable(object)) {
            for (Supplier<JsonNode> value : HOSTILE_VALUES) {
                ObjectNode changed = object.deepCopy();
                changed.set(property, value.get());
                probes.add(probe.apply(changed.toString()));
            }
            ObjectNode missing = object.deepCopy();
            missing.remove(property);
            probes.add(probe.apply(missing.toString()));
            probes.add(probe.apply(itemText.substring(0, itemText.length() - 1) + ",\"" + property + "\": \"again\"}"));
            // Written as text: Jackson's own writer refuses to nest this deep, which is the point of sending it.
            StringBuilder open = new StringBuilder();
            StringBuilder close = new StringBuilder();
            for (int i = 0; i < 1_500; i++) {
                boolean array = random.nextBoolean();
                open.append(array ? "[" : "{\"n\": ");
                close.insert(0, array ? "]" : "}");
            }
            ObjectNode deep = object.deepCopy();
            deep.put(property, "__deep__");
            probes.add(probe.apply(deep.toString().replace("\"__deep__\"", open + "\"bottom\"" + close)));
        }
        return probes;
    }

    /** A plausible value for a parameter, so that probes of another parameter reach the endpoint's own checks. */
    private String benign(JsonNode schema, String name) {
        String type = schema.path("type").asString("string");
        if (type.equals("integer") || type.equals("number")) {
            return name.equals("limit") ? "10" : name.equals("id") ? String.valueOf(alertId) : "1";
        }
        return switch (name) {
            case "from" -> "2026-01-01T00:00:00Z";
            case "to" -> "2026-01-02T00:00:00Z";
            case "by" -> "merchants";
            case "status" -> "OPEN";
            case "level" -> "HIGH";
            case "reason" -> "HIGH_AMOUNT";
            default -> PAYER;
        };
    }

    /** A body as the schema describes it, with a plausible value in every property. */
    private static JsonNode example(JsonNode schema, JsonNode api, int depth) {
        return example(schema, api, depth, "");
    }

    private static JsonNode example(JsonNode schema, JsonNode api, int depth, String name) {
        if (BENIGN_PROPERTIES.containsKey(name)) {
            return BENIGN_PROPERTIES.get(name);
        }
        JsonNode resolved = resolve(schema, api);
        if (resolved.has("example")) {
            return resolved.get("example");
        }
        String type = resolved.path("type").asString(resolved.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 3) {
                    for (Map.Entry<String, JsonNode> property :
                            resolved.path("properties").properties()) {
                        object.set(property.getKey(), example(property.getValue(), api, depth + 1, property.getKey()));
                    }
                }
                yield object;
            }
            case "array" -> NODES.arrayNode().add(example(resolved.path("items"), api, depth + 1));
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(new java.math.BigDecimal("10.00"));
            case "boolean" -> NODES.booleanNode(true);
            default ->
                resolved.has("enum")
                        ? resolved.get("enum").get(0)
                        : resolved.path("format").asString("").equals("date-time")
                                ? NODES.stringNode("2026-01-14T15:00:00Z")
                                : NODES.stringNode("fuzz_1");
        };
    }

    private static JsonNode resolve(JsonNode schema, JsonNode api) {
        if (schema == null || !schema.has("$ref")) {
            return schema == null ? NODES.objectNode() : schema;
        }
        String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
        return api.get("components").get("schemas").get(name);
    }

    private static Iterable<String> iterable(ObjectNode object) {
        return object.propertyNames();
    }

    /** The headers with a new Idempotency-Key, when the operation takes one, so that each probe is a new payment. */
    private static Map<String, String> withFreshKey(Map<String, String> headers, Random random) {
        Map<String, String> fresh = new LinkedHashMap<>(headers);
        fresh.replaceAll((name, value) -> "fuzz-" + Long.toHexString(random.nextLong()));
        return fresh;
    }

    private static String encode(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((name, value) -> text.append(text.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static String shortened(String text) {
        if (text == null) {
            return "(none)";
        }
        String visible = text.replaceAll("\\p{Cntrl}", "?");
        return visible.length() <= 200 ? visible : visible.substring(0, 200) + "...";
    }
}
