package io.txmon.stream;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter for tests that keeps every metric a job registered, with its group's variables, after the job and
 * its local cluster are gone: Flink's {@code InMemoryReporter} forgets them when the cluster closes, which a local
 * environment does as soon as its job ends. One set for the whole JVM: tests that use it call {@link #forget} first.
 */
public final class KeptMetrics implements MetricReporter, MetricReporterFactory {
    private static final List<Kept> KEPT = new CopyOnWriteArrayList<>();

    /** A metric as the job registered it. */
    record Kept(String name, Map<String, String> variables, Metric metric) {}

    /** {@code config} with this reporter added. */
    static Configuration addTo(Configuration config) {
        config.setString("metrics.reporter.kept.factory.class", KeptMetrics.class.getName());
        return config;
    }

    static void forget() {
        KEPT.clear();
    }

    /** Every metric registered under {@code name} since {@link #forget}. */
    static List<Kept> named(String name) {
        return KEPT.stream().filter(kept -> kept.name().equals(name)).toList();
    }

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return this;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        KEPT.add(new Kept(name, Map.copyOf(group.getAllVariables()), metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // Kept on purpose: read after the job has ended.
    }
}
