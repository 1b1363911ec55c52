package io.txmon.stream.cluster;

import io.txmon.boosting.SupervisedModelCodec;
import io.txmon.model.AnomalyModelCodec;
import io.txmon.stream.topics.KafkaDecisionJob;
import io.txmon.stream.topics.StreamSettings;
import io.txmon.stream.topics.Topics;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.flink.util.TimeUtils;

/**
 * The job jar's entry point for {@code flink run} on a Flink cluster (docs/streaming.md): the same job as {@code
 * bin/txmon stream}, configured by program arguments, while the cluster's own configuration decides checkpoint
 * storage, state backend, restart strategy and metrics reporters.
 *
 * <p>Arguments: {@code --bootstrap-servers HOST:PORT} (required), {@code --rules FILE}, {@code --model FILE}, {@code --supervised-model FILE}, {@code --learn-from-labels}, {@code --labels-topic labels}, {@code --label-delay 7d}, {@code
 * --db URL}, {@code --group NAME}, {@code --out-of-orderness 2min}, {@code --checkpoint-interval 1s}, {@code
 * --idle-partition-timeout 30s}, {@code --forget-quiet-accounts-after 730d}, {@code --delivery EXACTLY_ONCE},
 * {@code --watermark-interval 200ms}, {@code --buffer-timeout 100ms}, {@code --base-currency USD}; parallelism is
 * {@code flink run -p N}. Files are read where the job is submitted.
 */
public final class FlinkJobMain {
    private FlinkJobMain() {}

    public static void main(String[] args) throws Exception {
        ParameterTool arguments = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new KafkaDecisionJob(settings(arguments, env.getParallelism())).addTo(env);
        env.execute("txmon decisions");
    }

    /** The job's settings from its program arguments, each missing one at {@link StreamSettings}' default. */
    static StreamSettings settings(ParameterTool arguments, int parallelism) throws IOException {
        StreamSettings.Builder settings = StreamSettings.builder(arguments.getRequired("bootstrap-servers"))
                .parallelism(parallelism);
        if (arguments.has("rules")) {
            settings.ruleFile(Files.readString(Path.of(arguments.get("rules")), StandardCharsets.UTF_8));
        }
        if (arguments.has("model")) {
            try (InputStream in = Files.newInputStream(Path.of(arguments.get("model")))) {
                settings.model(AnomalyModelCodec.read(new DataInputStream(in)));
            }
        }
        if (arguments.has("supervised-model")) {
            try (InputStream in = Files.newInputStream(Path.of(arguments.get("supervised-model")))) {
                settings.supervised(SupervisedModelCodec.read(new DataInputStream(in)));
            }
        }
        settings.learnFromLabels(arguments.has("learn-from-labels"));
        if (arguments.has("labels-topic")) {
            settings.topics(Topics.DEFAULTS.withLabels(arguments.get("labels-topic")));
        }
        if (arguments.has("label-delay")) {
            settings.labelDelay(TimeUtils.parseDuration(arguments.get("label-delay")));
        }
        if (arguments.has("db")) {
            settings.databaseUrl(arguments.get("db"));
        }
        if (arguments.has("group")) {
            settings.groupId(arguments.get("group"));
        }
        if (arguments.has("out-of-orderness")) {
            settings.outOfOrderness(TimeUtils.parseDuration(arguments.get("out-of-orderness")));
        }
        if (arguments.has("checkpoint-interval")) {
            settings.checkpointInterval(TimeUtils.parseDuration(arguments.get("checkpoint-interval")));
        }
        if (arguments.has("idle-partition-timeout")) {
            settings.idlePartitionTimeout(TimeUtils.parseDuration(arguments.get("idle-partition-timeout")));
        }
        if (arguments.has("forget-quiet-accounts-after")) {
            settings.quietAccountTtl(TimeUtils.parseDuration(arguments.get("forget-quiet-accounts-after")));
        }
        if (arguments.has("delivery")) {
            settings.delivery(StreamSettings.Delivery.valueOf(arguments.get("delivery")));
        }
        if (arguments.has("watermark-interval")) {
            settings.watermarkInterval(TimeUtils.parseDuration(arguments.get("watermark-interval")));
        }
        if (arguments.has("buffer-timeout")) {
            settings.bufferTimeout(TimeUtils.parseDuration(arguments.get("buffer-timeout")));
        }
        if (arguments.has("base-currency")) {
            settings.baseCurrency(Currency.getInstance(arguments.get("base-currency")));
        }
        return settings.build();
    }
}
