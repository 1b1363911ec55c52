package io.txmon.stream.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), listening on 127.0.0.1: for
 * trying txmon out and for tests. A bank runs its own cluster; this one keeps the settings a single node needs
 * (replication factor 1 for the internal topics, no initial rebalance delay) and nothing else.
 */
public final class LocalKafka implements AutoCloseable {
    private final KafkaRaftServer server;
    private final int port;

    private LocalKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (0 for any free one) keeping its log in {@code dir}, formatted on first use: a
     * broker started again on the same directory keeps its topics and messages.
     */
    public static LocalKafka start(int port, Path dir) {
        try {
            Files.createDirectories(dir);
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties config = config(brokerPort, controllerPort, dir);
            Path properties = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(properties)) {
                config.store(out, "txmon's local broker");
            }
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format(properties);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
            return new LocalKafka(server, brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local Kafka broker in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where clients connect: {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Creates each topic that does not exist yet, with {@code partitions} partitions; {@code compacted} ones keep the
     * newest message per key only, as the accounts topic does.
     */
    public void createTopics(List<String> names, int partitions, List<String> compacted) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (String name : names) {
                NewTopic topic = new NewTopic(name, partitions, (short) 1);
                if (compacted.contains(name)) {
                    topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "cannot create topic " + name + ": "
                                        + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /** Runs until the broker is shut down, by {@link #close} or by the JVM's shutdown. */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties config(int brokerPort, int controllerPort, Path dir) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", dir.resolve("data").toString());
        // One node: the internal topics cannot have more replicas than that, or groups and transactions never work.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("num.partitions", "2");
        return config;
    }

    private static void format(Path properties) {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(
                    new String[] {
                        "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString(), "--ignore-formatted"
                    },
                    out);
        }
        if (status != 0) {
            throw new IllegalStateException("cannot format the broker's storage: "
                    + said.toString(StandardCharsets.UTF_8).trim());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
