package io.txmon.benchmarks;

import io.txmon.formats.table.NumericTable;
import io.txmon.formats.table.NumericTableReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a gzipped numeric table the size of the KDD Cup 99 {@code http} set (567,498 rows of three
 * features and a 0/1 label) with {@link NumericTableReader}: one operation reads the whole file. Values are
 * written as the shortest text of a random double, 16 to 17 digits like the data sets' log-transformed
 * columns, the slowest case for number parsing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class NumericTableReaderBenchmark {
    @Param({"567498"})
    int rows;

    private Path directory;
    private Path file;

    @Setup(Level.Trial)
    public void writeTable() throws IOException {
        directory = Files.createTempDirectory("txmon-table-benchmark");
        file = directory.resolve("table.csv.gz");
        SplittableRandom random = new SplittableRandom(5);
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            out.write("x0,x1,x2,label\n");
            for (int i = 0; i < rows; i++) {
                out.write(random.nextGaussian() + "," + random.nextGaussian() + "," + random.nextGaussian() + ","
                        + (random.nextInt(256) == 0 ? 1 : 0) + "\n");
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteTable() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(directory);
    }

    @Benchmark
    public NumericTable read() throws IOException {
        return NumericTableReader.read(List.of(file), "label");
    }
}
